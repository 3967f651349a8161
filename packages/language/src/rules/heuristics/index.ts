/** The prose heuristics: pure functions of strings and configuration. */
export * from './config.js';
export { type PeopleContext, isValidPattern, expandChildToken } from './people.js';
export { judgeChildVoice, childrenNotNamed, type VoiceJudgement, type NamedChild } from './voice.js';
export { childrenNotHeardIndividually } from './individual-voice.js';
export { judgeAnalysis, type AnalysisJudgement, type AnalysisMissing } from './analysis.js';
export { judgeSupervisionReflection, type SupervisionJudgement, type SupervisionMissing } from './supervision.js';
export { judgeOptimism, type OptimismJudgement } from './optimism.js';
export { judgeEventImpact, type ImpactContext, type ImpactJudgement, type ImpactProblem } from './impact.js';

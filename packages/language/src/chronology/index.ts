export * from './chronology.js';
export * from './significance.js';
export * from './summary.js';

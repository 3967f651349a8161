export * from './escape.js';
export * from './html-page.js';
export * from './charts.js';
export * from './chronology-text.js';
export * from './chronology-html.js';
export * from './qa-report.js';
export * from './report-render.js';

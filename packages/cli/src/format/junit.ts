import type { ValidationReport } from './types.js';

// XML 1.0 cannot hold most control characters at all, even escaped: they are dropped.
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
  return text
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML as CI servers read it: one test suite, one test case per file; a file with errors fails, and each
 * finding is listed in the failure (errors) or in system-out (warnings and infos).
 */
export function formatJunit(report: ValidationReport): string {
  const { errors } = report.summary;
  const cases = report.files.map((file) => {
    const fileErrors = file.diagnostics.filter((d) => d.severity === 'error');
    const line = (d: (typeof file.diagnostics)[number]) => `${file.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
    const failure =
      fileErrors.length > 0
        ? `\n    <failure message="${escapeXml(`${fileErrors.length} error(s)`)}" type="caserec">${escapeXml(fileErrors.map(line).join('\n'))}</failure>`
        : '';
    const others = file.diagnostics.filter((d) => d.severity !== 'error');
    const out = others.length > 0 ? `\n    <system-out>${escapeXml(others.map(line).join('\n'))}</system-out>` : '';
    return `  <testcase classname="caserec" name="${escapeXml(file.path)}">${failure}${out}${failure || out ? '\n  ' : ''}</testcase>`;
  });
  const failures = report.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="caserec" tests="${report.files.length}" failures="${failures}" errors="0">`,
    `<testsuite name="caserec validate (as of ${escapeXml(report.asOf)})" tests="${report.files.length}" failures="${failures}" errors="0" skipped="0">`,
    `  <properties><property name="errors" value="${errors}"/><property name="warnings" value="${report.summary.warnings}"/></properties>`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

#!/usr/bin/env node
// `npm test`: typecheck, lint and format check, then every test runner in turn; ends with one plain "N passed, N failed"
// line summing all runners (their own summaries are not in a form CI reads).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'chatkit-local-tests-'));
const env = { ...process.env, NO_COLOR: '1' };

// What the runners need from the machine, each found or installed by test/support/setup/<name>.mjs,
// whose ensure() resolves with the variables that tell the runners where it is.
const PREREQUISITES = ['chromium', 'postgres'];
for (const prerequisite of PREREQUISITES) {
  const { name, ensure } = await import(`./setup/${prerequisite}.mjs`);
  try {
    Object.assign(env, await ensure());
  } catch (error) {
    console.error(`\n${name}: ${error.message}`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

/** Each step: a label, a command, and where its JSON report lands (if it writes one). */
const steps = [
  { label: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { label: 'lint', cmd: ['npx', 'eslint', '.'] },
  { label: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  ...['node', 'browser'].map((project) => ({
    label: `vitest ${project}`,
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, `${project}.json`)}`,
    ],
    report: join(reports, `${project}.json`),
  })),
];
// The package as users get it: packed, installed into consumer projects, type-checked and built there.
steps.push({
  label: 'package checks',
  cmd: [
    'npx',
    'vitest',
    'run',
    '--config',
    'test/package/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, 'package.json')}`,
  ],
  report: join(reports, 'package.json'),
});
if (existsSync('playwright.config.ts')) {
  steps.push({
    label: 'playwright e2e',
    cmd: ['npx', 'playwright', 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
    report: join(reports, 'e2e.json'),
    playwright: true,
  });
}

let passed = 0;
let failed = 0;
let broken = false;
for (const step of steps) {
  console.log(`\n=== ${step.label} ===`);
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...env, ...step.env } });
  if (result.status !== 0) broken = true;
  if (!step.report) {
    if (result.status !== 0) failed += 1;
    continue;
  }
  if (!existsSync(step.report)) {
    console.error(`${step.label}: no report was written`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(step.report, 'utf8'));
  if (step.playwright) {
    passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
    failed += report.stats?.unexpected ?? 0;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);

#!/usr/bin/env node
// Type-checks projects of the consumer with the consumer's own TypeScript, as `tsc -p` does with
// `skipLibCheck: false`, but semantic checks only for the files whose errors count:
// - the consumer's own files;
// - chatkit-local's declarations;
// - the declaration files those import from other packages (zod's entry, `node:http`...): a user
//   gets their errors for importing chatkit-local (a package whose types break under `nodenext`,
//   say).
// Other third-party declarations are parsed and give types, but are not checked file by file:
// their errors are their package's (a user of that package sees them anyway) and would not count,
// and the Agents SDK alone brings 300,000 lines of OpenAI client declarations that take minutes to
// check. Their syntax errors are still reported, apart. Projects run one after another in this one
// process and share parsed files, which is most of the time saved.
//
// Usage: node check-types.mjs <jobs.json>, where the file holds
//   [{ "name": "...", "dir": "/abs/dir", "project": "tsconfig.x.json", "args": ["--module", "nodenext"] }]
// Prints JSON { [name]: { counted: [{ file, text }], thirdParty: { package: errors },
// unchecked: { package: files } } }, files relative to the job's dir.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8'));

/** The package a node_modules path belongs to (`@scope/name` or `name`); null for the consumer's files. */
function packageOf(file) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(file);
  return match ? match[1] : null;
}

/** Parsed source files shared by every program, keyed as TypeScript's own language service keys them. */
const parsed = new Map();

function check(ts, job) {
  const format = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => job.dir, getNewLine: () => '\n' };
  const extend = ts.parseCommandLine(job.args);
  if (extend.errors.length) throw new Error(ts.formatDiagnostics(extend.errors, format));
  const config = ts.getParsedCommandLineOfConfigFile(join(job.dir, job.project), extend.options, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.formatDiagnostic(diagnostic, format));
    },
  });
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
    const key = `${fileName}|${settings.languageVersion}|${settings.impliedNodeFormat}|${settings.jsDocParsingMode}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return parsed.get(key);
  };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });

  // chatkit-local's declarations, and the files they import from other packages.
  const checked = new Set();
  for (const file of program.getSourceFiles()) {
    if (packageOf(file.fileName) !== 'chatkit-local') continue;
    checked.add(file.fileName);
    for (const { fileName: specifier } of ts.preProcessFile(file.text, true, true).importedFiles) {
      if (specifier.startsWith('.')) continue;
      const { resolvedModule } = ts.resolveModuleName(
        specifier,
        file.fileName,
        config.options,
        ts.sys,
        undefined,
        undefined,
        file.impliedNodeFormat,
      );
      if (resolvedModule) checked.add(resolvedModule.resolvedFileName);
    }
  }

  const counted = [];
  const thirdParty = {};
  const unchecked = {};
  const report = (diagnostic) => {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) return;
    const pkg = diagnostic.file ? packageOf(diagnostic.file.fileName) : null;
    if (diagnostic.file && pkg !== null && !checked.has(diagnostic.file.fileName)) {
      thirdParty[pkg] = (thirdParty[pkg] ?? 0) + 1;
      return;
    }
    counted.push({
      file: diagnostic.file ? relative(job.dir, diagnostic.file.fileName) : null,
      text: ts.formatDiagnostic(diagnostic, format).trimEnd(),
    });
  };
  [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
  ].forEach(report);
  for (const file of program.getSourceFiles()) {
    const pkg = packageOf(file.fileName);
    if (pkg === null || checked.has(file.fileName)) program.getSemanticDiagnostics(file).forEach(report);
    else if (pkg !== 'typescript') unchecked[pkg] = (unchecked[pkg] ?? 0) + 1;
  }
  return { counted, thirdParty, unchecked };
}

const results = {};
for (const job of jobs) {
  const ts = createRequire(join(job.dir, 'package.json'))('typescript');
  results[job.name] = check(ts, job);
}
process.stdout.write(JSON.stringify(results));

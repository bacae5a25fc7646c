// Lints virtual source files with the workspace's module-boundary rule only, outside Jest (whose
// VM cannot load ESLint's ESM config). Input on stdin: [{ file, code }]; output: messages per probe.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === '@nx/enforce-module-boundaries',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
const probes = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const { file, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  results.push(result.messages.map((m) => m.message));
}
process.stdout.write(JSON.stringify(results));

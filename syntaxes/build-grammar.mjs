// Turns the readable grammar source (YAML) into the JSON that VS Code loads.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const here = dirname(fileURLToPath(import.meta.url));

export function buildGrammar() {
  const source = yaml.load(readFileSync(join(here, 'loadlens.tmLanguage.yaml'), 'utf8'));
  writeFileSync(join(here, 'loadlens.tmLanguage.json'), JSON.stringify(source, null, 2) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildGrammar();

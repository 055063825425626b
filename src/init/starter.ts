/**
 * The files `report init` writes: a new organisation's data folder with one year of placeholder
 * data, commented in the user's language (starter-zh.ts, starter-en.ts), each YAML file starting
 * with the line that points editors at its JSON Schema, and VS Code settings that recommend the
 * YAML extension. Pure: src/cli/init.ts decides where the schemas are and writes the files.
 */
import type { Locale } from '../schema/files.js';
import type { SchemaName } from '../schema/json-schema.js';
import { starterEn } from './starter-en.js';
import { starterZh } from './starter-zh.js';

export interface StarterContext {
  year: number;
  /** The `# yaml-language-server: $schema=…` line of the file. */
  schema: string;
  /** The data folder as the user named it, for the commands in the README. */
  dataDir: string;
}

/** The files `report init` writes (the optional finance, photos, timeline and people are left out). */
export type StarterName = Exclude<SchemaName, 'finance' | 'photos' | 'timeline' | 'people'>;

export type StarterText = Record<StarterName | 'readme', (context: StarterContext) => string>;

export interface StarterFile {
  /** Relative to the data folder, `/`-separated. */
  path: string;
  text: string;
}

/** The YAML files, by schema, where they go in the folder. */
const YAML_FILES: readonly { name: StarterName; inYear: boolean }[] = [
  { name: 'organization', inYear: false },
  { name: 'income', inYear: true },
  { name: 'staff', inYear: true },
  { name: 'projects', inYear: true },
  { name: 'awards', inYear: true },
  { name: 'narrative', inYear: true },
];

/** The recommendation VS Code shows when the folder is opened. */
export const YAML_EXTENSION = 'redhat.vscode-yaml';

const VSCODE_SETTINGS = {
  // YAML files: spaces (never tabs), two per level, UTF-8.
  '[yaml]': {
    'editor.insertSpaces': true,
    'editor.tabSize': 2,
    'editor.detectIndentation': false,
    'editor.autoIndent': 'keep',
    'editor.quickSuggestions': { other: true, comments: false, strings: true },
  },
  'files.encoding': 'utf8',
  'yaml.validate': true,
  'yaml.completion': true,
  'yaml.hover': true,
  'yaml.format.enable': false,
};

export function starterFiles(options: {
  lang: Locale;
  year: number;
  dataDir: string;
  /** Where an editor finds a schema, as seen from the folder of the file (`../node_modules/…`). */
  schemaHref: (fileDir: string, name: SchemaName) => string;
}): StarterFile[] {
  const text = options.lang === 'en' ? starterEn : starterZh;
  const yearDir = String(options.year);
  const files: StarterFile[] = YAML_FILES.map(({ name, inYear }) => {
    const dir = inYear ? yearDir : '';
    const schema = `# yaml-language-server: $schema=${options.schemaHref(dir, name)}`;
    return {
      path: inYear ? `${yearDir}/${name}.yaml` : `${name}.yaml`,
      text: text[name]({ year: options.year, schema, dataDir: options.dataDir }),
    };
  });
  files.push(
    {
      path: 'README.md',
      text: text.readme({ year: options.year, schema: '', dataDir: options.dataDir }),
    },
    { path: '.vscode/settings.json', text: `${JSON.stringify(VSCODE_SETTINGS, null, 2)}\n` },
    {
      path: '.vscode/extensions.json',
      text: `${JSON.stringify({ recommendations: [YAML_EXTENSION] }, null, 2)}\n`,
    },
  );
  return files;
}

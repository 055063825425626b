/** A template as read from its folder (src/infra/read-template.ts); the render stage never reads files. */
import type { TemplateLayout } from './layout.js';

export interface TemplateFile {
  /** Path for messages, relative to the current directory. */
  file: string;
  source: string;
}

export interface TemplateSource {
  main: TemplateFile;
  /** Partials by name (file name without .hbs). */
  partials: Map<string, TemplateFile>;
  /** Stylesheets in file-name order. */
  styles: TemplateFile[];
  /** Locale strings of the template for the report's locale. */
  strings: Record<string, unknown>;
  stringsFile: string;
  /** Where the charts and tables go (layout.json). */
  layout: TemplateLayout;
}

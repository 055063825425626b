/**
 * The thin shell: parse flags, hand over to one command module (imported only when used, so
 * `report validate` never loads the template engine and an HTML build never loads puppeteer),
 * print expected failures without a stack, and return an exit code. Only bin/ exits.
 *
 * Everything it says is in the reader's language (src/cli/messages.ts): --lang, else the
 * organisation's locale, else the system's, found before commander reads the line so that
 * help and commander's own errors are in it too.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, isReportError } from '../errors.js';
import { exitCodeFor, interruptedBy, setInterruptLang } from '../infra/interrupt.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../ports.js';
import type { Locale } from '../schema/files.js';
import { langAndDataOf, readerLang } from './flags.js';
import { processIo, type Io } from './io.js';
import { cliMessages, textWidth, type CliMessages } from './messages.js';
import { version } from './version.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const written = langAndDataOf(argv.slice(2));
  const lang = readerLang(written.lang, written.data ?? 'data', io.cwd, io.env);
  // The lines bin/ prints on Ctrl-C speak the same language.
  setInterruptLang(lang);
  const t = cliMessages(lang);
  let exitCode: number = ExitCode.ok;
  const program = new Command('report')
    .description(t.programDescription)
    .usage(t.usageProgram)
    .version(version, '-v, --version', t.versionOption)
    .addHelpOption(new Option('-h, --help', t.helpOption).helpGroup(t.groupOther))
    .helpCommand(`help [${t.valueCommand}]`, t.helpCommand)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(commanderError(text, t)),
    })
    .configureHelp(helpInLanguage(t))
    .showSuggestionAfterError(true)
    .showHelpAfterError(t.seeHelp('report'))
    .addHelpText('after', examples(t, t.examplesProgram));

  const dataOption = () =>
    new Option(`--data <${t.valueDir}>`, t.optData).default('data').helpGroup(t.groupInput);
  const langOption = () =>
    new Option(`--lang <${t.valueLang}>`, t.optLang)
      .choices(['zh-CN', 'en'])
      .helpGroup(t.groupMessages);
  const outOption = () =>
    new Option(`--out <${t.valueDir}>`, t.optOut).default('out').helpGroup(t.groupOutput);
  const templateOption = () =>
    new Option(`--template <${t.valueDir}>`, t.optTemplate).helpGroup(t.groupInput);
  const timeoutOption = () =>
    new Option(`--timeout <${t.valueSeconds}>`, t.optTimeout)
      .default(String(DEFAULT_TIMEOUT_SECONDS))
      .helpGroup(t.groupPrint);
  const chromeOption = () =>
    new Option(`--chrome <${t.valuePath}>`, t.optChrome).helpGroup(t.groupPrint);
  /** The command's options in the reader's language, with its examples after them. */
  const command = (name: string, description: string, usage: string, shown: [string, string][]) =>
    program
      .command(name)
      .description(description)
      .usage(usage)
      .showHelpAfterError(t.seeHelp(`report ${name}`))
      .addHelpText('after', examples(t, shown));
  const withLang = <T extends { lang?: Locale }>(options: T): T & { lang: Locale } => ({
    ...options,
    lang: options.lang ?? lang,
  });

  command('validate', t.validateDescription, t.usageValidate, t.examplesValidate)
    .argument(`[${t.valueYear}]`, t.argYearOnly)
    .addOption(dataOption())
    .addOption(
      new Option(`--format <${t.valueFormat}>`, t.optValidateFormat)
        .choices(['text', 'github', 'json'])
        .default('text')
        .helpGroup(t.groupOutput),
    )
    .addOption(langOption())
    .action(async (year: string | undefined, options) => {
      const { runValidate } = await import('./validate.js');
      exitCode = await runValidate({ year, ...withLang(options) }, io);
    });

  command('stats', t.statsDescription, t.usageStats, t.examplesStats)
    .argument(`<${t.valueYear}>`, t.argYear)
    .addOption(dataOption())
    .addOption(new Option('--json', t.optJson).helpGroup(t.groupOutput))
    .addOption(langOption())
    .action(async (year: string, options) => {
      const { runStats } = await import('./stats.js');
      exitCode = await runStats({ year, ...withLang(options) }, io);
    });

  command('build', t.buildDescription, t.usageBuild, t.examplesBuild)
    .argument(`[${t.valueYear}]`, t.argYear)
    .addOption(dataOption())
    .addOption(templateOption())
    .addOption(new Option('--all', t.optAll).helpGroup(t.groupOutput))
    .addOption(outOption())
    .addOption(
      new Option(`--format <${t.valueFormat}>`, t.optBuildFormat)
        .default('html,pdf')
        .helpGroup(t.groupOutput),
    )
    .addOption(chromeOption())
    .addOption(timeoutOption())
    .addOption(langOption())
    .addOption(new Option('-q, --quiet', t.optQuiet).helpGroup(t.groupMessages))
    .addOption(new Option(`--shard <K/N>`, t.optShard).helpGroup(t.groupOutput))
    .addOption(new Option(`--browser-url <${t.valueUrl}>`, t.optBrowserUrl).helpGroup(t.groupPrint))
    .addOption(new Option(`--jobs <${t.valueJobs}>`, t.optJobs).helpGroup(t.groupPrint))
    .action(async (year: string | undefined, options) => {
      const { runBuild } = await import('./build.js');
      exitCode = await runBuild({ year, ...withLang(options) }, io);
    });

  command('doctor', t.doctorDescription, t.usageDoctor, t.examplesDoctor)
    .addOption(dataOption())
    .addOption(outOption())
    .addOption(chromeOption())
    .addOption(langOption())
    .action(async (options) => {
      const { runDoctor } = await import('./doctor.js');
      exitCode = await runDoctor(withLang(options), io);
    });

  // `report init [dir]`: a new organisation's data folder (src/cli/init.ts). Its --lang is the
  // language of the files written, Chinese unless asked.
  command('init', t.initDescription, t.usageInit, t.examplesInit)
    .argument(`[${t.valueDir}]`, t.argInitDir)
    .addOption(
      new Option(`--lang <${t.valueLang}>`, t.optInitLang)
        .choices(['zh-CN', 'en'])
        .helpGroup(t.groupMessages),
    )
    .addOption(new Option(`--year <${t.valueYear}>`, t.optInitYear).helpGroup(t.groupInput))
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await import('./init.js');
      exitCode = await runInit({ dir, ...options }, io);
    });

  // `report preview <year>`: serve a year on 127.0.0.1, rebuild and reload on every save.
  command('preview', t.previewDescription, t.usagePreview, t.examplesPreview)
    .argument(`<${t.valueYear}>`, t.argYear)
    .addOption(dataOption())
    .addOption(templateOption())
    .addOption(new Option(`--port <${t.valuePort}>`, t.optPort).helpGroup(t.groupOutput))
    .addOption(new Option('--no-open', t.optNoOpen).helpGroup(t.groupOutput))
    .addOption(new Option('--pdf', t.optPreviewPdf).helpGroup(t.groupPrint))
    .addOption(chromeOption())
    .addOption(timeoutOption())
    .addOption(langOption())
    .action(async (year: string, options) => {
      const { runPreview } = await import('./preview.js');
      exitCode = await runPreview({ year, ...withLang(options) }, io);
    });

  // Paths are checked for every command before it starts (an empty --out means the root).
  program.hook('preAction', async (_program, command) => {
    const { refuseEmptyPaths } = await import('./flags.js');
    refuseEmptyPaths(command.opts<Record<string, unknown>>());
  });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportFailure(error, io, lang);
  }
}

function reportFailure(error: unknown, io: Io, lang: Locale): number {
  // Closing the browser on Ctrl-C makes the print in flight fail: that is the interrupt, which
  // bin/ reports (with what was written) once the interrupt's cleanups are done.
  const signal = interruptedBy();
  if (signal !== null) return exitCodeFor(signal);
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isReportError(error)) {
    // A message written in one language is printed with that language's words around it.
    const shown = error.printLang(lang);
    const t = cliMessages(shown);
    io.stderr(`${t.errorPrefix(error.code)}${error.messageIn(shown)}\n`);
    const hint = error.hintIn(shown);
    if (hint) io.stderr(`  ${t.hintPrefix}${hint}\n`);
    return error.exitCode;
  }
  io.stderr(
    `${cliMessages(lang).internalError}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.internal;
}

/** Examples under a command's help: the command, then what it does. */
function examples(t: CliMessages, shown: readonly [string, string][]): string {
  const width = Math.max(...shown.map(([command]) => textWidth(command)));
  const lines = shown.map(
    ([command, what]) => `  ${command}${' '.repeat(width - textWidth(command))}  ${what}`,
  );
  return `\n${t.examples}\n${lines.join('\n')}\n`;
}

/** Commander's help with its headings and notes in the reader's language. */
function helpInLanguage(t: CliMessages) {
  const titles: Record<string, string> = {
    'Usage:': t.usage,
    'Arguments:': t.arguments,
    'Options:': t.options,
    'Commands:': t.commands,
  };
  const zh = t.usage === '用法：';
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    displayWidth: textWidth,
    // `build [年份]`: the options are listed under each command's own help.
    subcommandTerm: (command: Command) =>
      [
        command.name(),
        ...command.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)),
      ].join(' '),
    optionDescription: (option: Option) => {
      const extra: string[] = [];
      if (option.argChoices) extra.push(t.choicesAre(option.argChoices.join(', ')));
      if (option.defaultValue !== undefined && typeof option.defaultValue !== 'boolean')
        extra.push(t.defaultIs(String(option.defaultValue)));
      if (extra.length === 0) return option.description;
      return zh
        ? `${option.description}（${extra.join('；')}）`
        : `${option.description} (${extra.join('; ')})`;
    },
  };
}

/** ARGUMENT names as the reader says them. */
const ARGUMENT_NAMES: Record<string, string> = { command: '命令' };

/**
 * Commander's own errors (unknown option, missing argument, …) in the reader's language. They
 * arrive as commander words them in English, which is kept for an English reader.
 */
export function commanderError(text: string, t: CliMessages): string {
  if (t.usage !== '用法：') return text;
  const [first = '', ...rest] = text.trimEnd().split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(' '));
  const tail = suggestion ? `\n${t.didYouMean(suggestion[1] as string)}` : '';
  let m: RegExpExecArray | null;
  let line: string;
  if ((m = /^error: unknown option '(.+)'$/.exec(first))) line = t.commanderUnknownOption(m[1]!);
  else if ((m = /^error: unknown command '(.+)'$/.exec(first)))
    line = t.commanderUnknownCommand(m[1]!);
  else if ((m = /^error: missing required argument '(.+)'$/.exec(first)))
    line = t.commanderMissingArgument(ARGUMENT_NAMES[m[1]!] ?? m[1]!);
  else if ((m = /^error: option '(.+)' argument missing$/.exec(first)))
    line = t.commanderOptionMissingArgument(m[1]!);
  else if (
    (m = /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/.exec(
      first,
    ))
  )
    line = t.commanderInvalidChoice(m[1]!, m[2]!, m[3]!);
  else if (
    (m =
      /^error: too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(
        first,
      ))
  )
    line = t.commanderTooManyArguments(Number(m[1]), Number(m[2]));
  else line = t.commanderOther(first.replace(/^error: /, ''));
  return `${line}${tail}\n`;
}

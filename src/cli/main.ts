/**
 * The thin shell: parse flags, hand over to one command module (imported only when used, so
 * `report validate` never loads the template engine and an HTML build never loads puppeteer),
 * print expected failures without a stack, and return an exit code. Only bin/ exits.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, isReportError } from '../errors.js';
import { exitCodeFor, interruptedBy } from '../infra/interrupt.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../ports.js';
import { processIo, type Io } from './io.js';
import { version } from './version.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('report')
    .description('Turn an organisation’s yearly YAML data into its annual report (HTML and PDF).')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  const dataOption = () => new Option('--data <dir>', 'data folder').default('data');
  const langOption = () =>
    new Option('--lang <locale>', 'language of messages (default: the organisation’s)').choices([
      'zh-CN',
      'en',
    ]);

  program
    .command('validate')
    .description('check the data files; every problem with file:line:col')
    .argument('[year]', 'only this year (default: every year)')
    .addOption(dataOption())
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'github', 'json'])
        .default('text'),
    )
    .addOption(langOption())
    .action(async (year: string | undefined, options) => {
      const { runValidate } = await import('./validate.js');
      exitCode = await runValidate({ year, ...options }, io);
    });

  program
    .command('stats')
    .description('the figures of a year, computed from the data')
    .argument('<year>', 'report year')
    .addOption(dataOption())
    .option('--json', 'stable JSON for scripts (see docs/stats.md)')
    .addOption(langOption())
    .action(async (year: string, options) => {
      const { runStats } = await import('./stats.js');
      exitCode = await runStats({ year, ...options }, io);
    });

  program
    .command('build')
    .description('build the report: <out>/<year>/report.html and report.pdf')
    .argument('[year]', 'report year')
    .option('--all', 'build every year in the data folder (one browser)')
    .addOption(dataOption())
    .addOption(new Option('--out <dir>', 'output folder').default('out'))
    .option('--template <dir>', 'template folder (a copy of templates/default)')
    .addOption(new Option('--format <formats>', 'html, pdf or html,pdf').default('html,pdf'))
    .option('--chrome <path>', 'Chromium or Chrome executable')
    .option(
      '--timeout <seconds>',
      'longest a PDF may take to print (and a custom template to render), up to 86400',
      String(DEFAULT_TIMEOUT_SECONDS),
    )
    .addOption(langOption())
    .option('--shard <K/N>', 'build only share K of N of the reports (CI matrices)')
    .option(
      '--browser-url <url>',
      'print through a running browser (ws://…; or REPORT_BROWSER_URL)',
    )
    .option('--jobs <n>', 'pages printed at once (default 2; with --browser-url, the cores)')
    .action(async (year: string | undefined, options) => {
      const { runBuild } = await import('./build.js');
      exitCode = await runBuild({ year, ...options }, io);
    });

  program
    .command('doctor')
    .description('check browser (with a test print), fonts, data and output; say what to fix')
    .addOption(dataOption())
    .addOption(new Option('--out <dir>', 'output folder').default('out'))
    .option('--chrome <path>', 'Chromium or Chrome executable')
    .addOption(langOption())
    .action(async (options) => {
      const { runDoctor } = await import('./doctor.js');
      exitCode = await runDoctor(options, io);
    });

  // `report init [dir]`: a new organisation's data folder (src/cli/init.ts).
  program
    .command('init')
    .description('make a new data folder: one year of placeholder data, commented, ready to build')
    .argument('[dir]', 'the folder to create (default: data)')
    .addOption(
      new Option('--lang <locale>', 'language of the files and messages (default: zh-CN)').choices([
        'zh-CN',
        'en',
      ]),
    )
    .option('--year <year>', 'the year of the placeholder data (default: last year)')
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await import('./init.js');
      exitCode = await runInit({ dir, ...options }, io);
    });

  // Paths are checked for every command before it starts (an empty --out means the root).
  program.hook('preAction', async (_program, command) => {
    const { messageLang, refuseEmptyPaths } = await import('./flags.js');
    const options = command.opts<Record<string, unknown>>();
    refuseEmptyPaths(options, messageLang(options['lang'] as string | undefined, io.env));
  });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: Io): number {
  // Closing the browser on Ctrl-C makes the print in flight fail: that is the interrupt, which
  // bin/ reports (with what was written) once the interrupt's cleanups are done.
  const signal = interruptedBy();
  if (signal !== null) return exitCodeFor(signal);
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isReportError(error)) {
    io.stderr(`error[${error.code}]: ${error.message}\n`);
    if (error.hint) io.stderr(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  io.stderr(
    `internal error (a bug in report, please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.internal;
}

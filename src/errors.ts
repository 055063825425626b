/**
 * The error catalogue: every expected failure has a stable code, its exit code (the table in
 * README.md), and a message that says what happened, why, and what to do. Expected failures
 * (ReportError) print without a stack (src/cli/main.ts); anything else is a bug and prints one.
 */

export const ExitCode = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  template: 3,
  browser: 4,
  output: 5,
  internal: 70,
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const catalogue = {
  DATA_INVALID: ExitCode.invalidData,
  DATA_NOT_FOUND: ExitCode.invalidData,
  USAGE: ExitCode.usage,
  TEMPLATE_INVALID: ExitCode.template,
  BROWSER_NOT_FOUND: ExitCode.browser,
  BROWSER_FAILED: ExitCode.browser,
  OUTPUT_FAILED: ExitCode.output,
  INTERRUPTED: ExitCode.sigint,
} as const satisfies Record<string, ExitCode>;
export type ErrorCode = keyof typeof catalogue;

export class ReportError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; exitCode?: ExitCode } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? catalogue[code];
  }
}

export function isReportError(error: unknown): error is ReportError {
  return error instanceof ReportError;
}

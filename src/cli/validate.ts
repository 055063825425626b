import { ReportError } from '../errors.js';
import type { Io } from './io.js';

export async function runValidate(_options: Record<string, unknown>, _io: Io): Promise<number> {
  throw new ReportError('USAGE', '`report validate` is not implemented yet');
}

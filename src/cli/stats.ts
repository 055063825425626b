import { ReportError } from '../errors.js';
import type { Io } from './io.js';

export async function runStats(_options: Record<string, unknown>, _io: Io): Promise<number> {
  throw new ReportError('USAGE', '`report stats` is not implemented yet');
}

/**
 * Runs a task per item, two in flight: while Chromium prints one year, Node renders the next
 * (two processes, two cores). The first failure stops the taking of further items and is the
 * one thrown; both lanes finish before this returns, so nothing is still at work when it does.
 */
export async function twoAtATime<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const failures: unknown[] = [];
  let taken = 0;
  const lane = async () => {
    while (failures.length === 0 && taken < items.length) {
      const i = taken++;
      try {
        results[i] = await task(items[i] as T);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all([lane(), lane()]);
  if (failures.length > 0) throw failures[0];
  return results;
}

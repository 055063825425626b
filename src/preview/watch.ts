/**
 * Watches the data and template folders and calls back once per burst of changes: an editor's
 * save is often several events (a temp file, a rename, a write).
 *
 * Each folder of the tree gets its own watcher rather than one `recursive: true` watch: Node 20
 * on Linux implements that by watching each file, and loses a file for good once an editor
 * saves it by renaming a new file over it (sed -i, vim, VS Code's atomic save). A folder's own
 * watch sees every entry created, renamed or written in it, whatever happens to the files.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** Files a build reads; an editor's swap and backup files are not among them. */
const WATCHED = /\.(ya?ml|hbs|css|json)$/i;
/** Folders a build never reads from: hidden ones (.git) and installed packages. */
const SKIPPED_DIR = /^(\.|node_modules$)/;

export interface WatchOptions {
  /** Absolute folders. */
  dirs: readonly string[];
  /** Called with the changed files (absolute) once the burst is over. */
  onChange: (files: string[]) => void;
  onError: (dir: string, error: Error) => void;
  debounceMs?: number;
}

export interface Watcher {
  /** Settles once every folder present at the start is watched. */
  ready: Promise<void>;
  close(): void;
}

export function watchFolders(options: WatchOptions): Watcher {
  // The events of one save come together: one for a write in place, four within 0.1 ms for a
  // temporary file renamed over the file (measured on Linux). 10 ms covers them and leaves a
  // save's wait for the page 20 ms shorter than the 30 ms before.
  const debounceMs = options.debounceMs ?? 10;
  const changed = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    if (!closed) options.onChange(files);
  };
  const noteChange = (file: string) => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const watchTree = async (dir: string, root: string): Promise<void> => {
    if (closed || watchers.has(dir)) return;
    // Only folders: a temp file an editor writes beside the data is not watched on its own.
    if (
      dir !== root &&
      !(await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return;
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (name === null) return noteChange(dir);
        const path = join(dir, name.toString());
        if (WATCHED.test(path)) noteChange(path);
        // A folder created (a new year) or renamed into place is watched from now on.
        else if (!SKIPPED_DIR.test(name.toString())) void watchTree(path, root);
      });
    } catch (error) {
      // Gone again already: nothing to watch.
      if (dir === root) options.onError(dir, error as Error);
      return;
    }
    watchers.set(dir, watcher);
    watcher.on('error', (error) => {
      watcher.close();
      watchers.delete(dir);
      // A folder removed is not an error; the root itself going is.
      if (dir === root) options.onError(dir, error);
    });
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries
        .filter((entry) => entry.isDirectory() && !SKIPPED_DIR.test(entry.name))
        .map((entry) => watchTree(join(dir, entry.name), root)),
    );
  };

  const ready = Promise.all(options.dirs.map((dir) => watchTree(dir, dir))).then(() => undefined);
  return {
    ready,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** A path as the terminal names it: relative to the working directory when inside it. */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel === '') return file;
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

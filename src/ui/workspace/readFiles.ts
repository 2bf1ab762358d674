/**
 * Files from a drop, a file picker or a folder picker, as named inputs. A dropped folder is
 * walked (its files keep their relative paths as names); binary-looking files are skipped.
 * Only a file's first KiB is read here: the rest goes to the analysis worker unread.
 */
import type { WorkspaceInput } from '../store/types';

/** Text dumps only: anything with NUL bytes in its first KiB is left out. */
async function asInput(file: File, name: string): Promise<WorkspaceInput | null> {
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  if (head.includes(0)) return null;
  return { name, file };
}

export async function readFileList(files: FileList | File[]): Promise<WorkspaceInput[]> {
  const list = await Promise.all(
    [...files].map((f) => asInput(f, (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name)),
  );
  return list.filter((x): x is WorkspaceInput => x !== null);
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: { file: File; path: string }[]): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries hands out a directory in batches until it returns none.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, out);
    }
  }
}

/** Everything dropped: files, and folders walked to their files. */
export async function readDrop(data: DataTransfer): Promise<WorkspaceInput[]> {
  const entries = [...data.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry() : null)).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return readFileList(data.files);
  const found: { file: File; path: string }[] = [];
  for (const e of entries) await walk(e, found);
  found.sort((a, b) => a.path.localeCompare(b.path));
  const list = await Promise.all(found.map(({ file, path }) => asInput(file, path)));
  return list.filter((x): x is WorkspaceInput => x !== null);
}

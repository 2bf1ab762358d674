/**
 * A dump's content on the page: its text (pasted, edited, from a link or a scenario), or a
 * dropped file the page has not read. A dropped file goes to the analysis worker as the
 * browser's handle and is decoded there; the page reads it only when a person wants its
 * text (the file viewer, the editor, a share link, redaction), and then asynchronously.
 */
import type { Workspace, WorkspaceInput } from './types';

/** The input's size: characters of a text, bytes of an unread file (the same for ASCII dumps). */
export function inputSize(input: WorkspaceInput): number {
  return input.text !== undefined ? input.text.length : (input.file?.size ?? 0);
}

export function totalInputSize(inputs: readonly WorkspaceInput[]): number {
  return inputs.reduce((n, i) => n + inputSize(i), 0);
}

// A file is read once however many views ask for its text.
const read = new WeakMap<Blob, Promise<string>>();

/** A dropped file's text, read once. */
export function readFileText(file: Blob): Promise<string> {
  let text = read.get(file);
  if (!text) read.set(file, (text = file.text()));
  return text;
}

export function readInputText(input: WorkspaceInput): Promise<string> {
  if (input.text !== undefined) return Promise.resolve(input.text);
  return input.file ? readFileText(input.file) : Promise.resolve('');
}

/** The workspace with every input as text: what a link, a file or storage can carry. */
export async function workspaceWithTexts(workspace: Workspace): Promise<Workspace> {
  const inputs = await Promise.all(
    workspace.inputs.map(async (input) => {
      const { file: _read, ...rest } = input;
      return { ...rest, text: await readInputText(input) };
    }),
  );
  return { ...workspace, inputs };
}

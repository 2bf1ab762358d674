/**
 * One input's text for a view that shows it: at once for a text, after an asynchronous read for
 * a dropped file (inputContent.ts). `undefined` while reading or when there is no such input.
 */
import { useEffect, useState } from 'react';
import { readFileText } from './inputContent';
import { useHopscope } from './StoreProvider';

export function useInputText(name: string | null): string | undefined {
  const input = useHopscope((s) => (name === null ? undefined : s.workspace.inputs.find((i) => i.name === name)));
  const [read, setRead] = useState<{ of: Blob; text: string } | null>(null);
  const file = input?.text === undefined ? input?.file : undefined;
  useEffect(() => {
    if (!file) return;
    let current = true;
    void readFileText(file).then((text) => {
      if (current) setRead({ of: file, text });
    });
    return () => {
      current = false;
    };
  }, [file]);
  if (input?.text !== undefined) return input.text;
  return file && read?.of === file ? read.text : undefined;
}

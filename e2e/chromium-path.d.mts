export function chromiumCandidates(): string[];
export function chromiumVersion(path: string): string | null;
export function findChromium(): { path: string; version: string } | null;

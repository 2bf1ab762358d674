/**
 * How much a share link may carry. The fragment limit is what we promise works in every
 * browser and chat tool we know of (Chromium accepts 2 MB URLs, but mail and chat clients cut
 * far shorter ones); the rest bound what an untrusted link can make the page do.
 */

/** Characters of the encoded workspace in the URL fragment (64 KiB). Above this: export a file. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;

/** Bytes a link may inflate to; inflation stops past it (a decompression bomb stays a small error). */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

/** Structural limits checked by the schema. */
export const MAX_INPUTS = 200;
export const MAX_NAME_CHARS = 256;
export const MAX_FIELD_CHARS = 1024;
export const MAX_CHOICES = 256;

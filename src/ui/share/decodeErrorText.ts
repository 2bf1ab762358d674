/** A share link's or workspace file's problem in the user's language (namespace `share`). */
import type { TFunction } from 'i18next';
import type { DecodeError } from './codec';
import { MAX_FRAGMENT_CHARS } from './limits';

export function decodeErrorText(t: TFunction, error: DecodeError): string {
  switch (error.code) {
    case 'tooLong':
      return t('error.tooLong', { chars: error.chars, limit: MAX_FRAGMENT_CHARS });
    case 'tooLarge':
      return t('error.tooLarge', { mb: error.limitBytes / 1024 / 1024 });
    case 'forbiddenKey':
      return t('error.forbiddenKey', { key: error.key });
    case 'schema':
      return t('error.schema', { path: error.path });
    default:
      return t(`error.${error.code}`);
  }
}

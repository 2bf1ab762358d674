import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { rememberTheme } from './theme';

/** Light ↔ dark; the choice is remembered on this machine. */
export function ThemeToggle() {
  const { t } = useTranslation('shell');
  const theme = useHopscope((s) => s.theme);
  const setTheme = useHopscope((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = theme === 'dark' ? t('theme.toLight') : t('theme.toDark');
  return (
    <button
      type="button"
      aria-label={label}
      title={t('theme.withKey', { label })}
      aria-pressed={theme === 'dark'}
      onClick={() => {
        setTheme(next);
        rememberTheme(next);
      }}
      className="grid h-8 w-8 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      data-testid="theme-toggle"
    >
      <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true" fill="none">
        {theme === 'dark' ? (
          <>
            <circle cx="8" cy="8" r="3.2" className="stroke-current" strokeWidth="1.6" />
            <path d="M8 1.5v1.6M8 12.9v1.6M1.5 8h1.6M12.9 8h1.6M3.4 3.4l1.1 1.1M11.5 11.5l1.1 1.1M3.4 12.6l1.1-1.1M11.5 4.5l1.1-1.1" className="stroke-current" strokeWidth="1.5" strokeLinecap="round" />
          </>
        ) : (
          <path d="M13.5 9.6A5.8 5.8 0 0 1 6.4 2.5a5.8 5.8 0 1 0 7.1 7.1z" className="stroke-current" strokeWidth="1.6" strokeLinejoin="round" />
        )}
      </svg>
    </button>
  );
}

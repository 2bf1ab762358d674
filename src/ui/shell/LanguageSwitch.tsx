import { useTranslation } from 'react-i18next';
import { LANGS, LANGUAGE_NAMES, isLang, rememberLang } from '../i18n';
import { useHopscope } from '../store/StoreProvider';

/** The interface's language; the choice is remembered on this machine and written to the URL. */
export function LanguageSwitch() {
  const { t } = useTranslation('shell');
  const lang = useHopscope((s) => s.lang);
  const setLang = useHopscope((s) => s.setLang);
  return (
    <select
      aria-label={t('language.label')}
      title={t('language.label')}
      value={lang}
      onChange={(e) => {
        const next = e.target.value;
        if (!isLang(next)) return;
        setLang(next);
        rememberLang(next);
      }}
      className="rounded-md border border-slate-200 bg-white px-1.5 py-1 text-[12.5px] text-slate-700"
      data-testid="language-switch"
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

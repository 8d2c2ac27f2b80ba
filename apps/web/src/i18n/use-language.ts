import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './index.ts';

/** The current UI language; re-renders the component when the user switches it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

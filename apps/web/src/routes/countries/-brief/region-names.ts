import type { Language } from '../../../i18n/index.ts';

/**
 * Names of the admin-1 regions for the brief, by Natural Earth `code_hasc`. The shipped shapes carry
 * Natural Earth's older names (Leninabad, Chardzhou, Tashauz, "Tadzhikistan Territories": PROVENANCE.md
 * §2), and one name for two Tashkents: here the current name comes first. Regions not listed (most of
 * Azerbaijan's rayons) keep their Natural Earth name, which is already in Azerbaijani Latin script.
 */
export const REGION_NAMES: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  'AZ.BA': { en: 'Baku', ru: 'Баку' },
  'TJ.BK': { en: 'Gorno-Badakhshan', ru: 'Горно-Бадахшанская АО' },
  'TJ.DU': { en: 'Dushanbe', ru: 'Душанбе' },
  'TJ.KL': { en: 'Khatlon', ru: 'Хатлонская обл.' },
  'TJ.LE': { en: 'Sughd (Leninabad)', ru: 'Согдийская обл.' },
  'TJ.RR': { en: 'Districts of Republican Subordination', ru: 'Районы республиканского подчинения' },
  'TM.AL': { en: 'Ahal', ru: 'Ахалский велаят' },
  'TM.BA': { en: 'Balkan', ru: 'Балканский велаят' },
  'TM.DA': { en: 'Daşoguz (Tashauz)', ru: 'Дашогузский велаят' },
  'TM.LE': { en: 'Lebap (Chardzhou)', ru: 'Лебапский велаят' },
  'TM.MA': { en: 'Mary', ru: 'Марыйский велаят' },
  'UZ.AN': { en: 'Andijan', ru: 'Андижанская обл.' },
  'UZ.BU': { en: 'Bukhara', ru: 'Бухарская обл.' },
  'UZ.FA': { en: 'Fergana', ru: 'Ферганская обл.' },
  'UZ.JI': { en: 'Jizzakh', ru: 'Джизакская обл.' },
  'UZ.KH': { en: 'Khorezm', ru: 'Хорезмская обл.' },
  'UZ.NG': { en: 'Namangan', ru: 'Наманганская обл.' },
  'UZ.NW': { en: 'Navoiy', ru: 'Навоийская обл.' },
  'UZ.QA': { en: 'Kashkadarya', ru: 'Кашкадарьинская обл.' },
  'UZ.QR': { en: 'Karakalpakstan', ru: 'Республика Каракалпакстан' },
  'UZ.SA': { en: 'Samarkand', ru: 'Самаркандская обл.' },
  'UZ.SI': { en: 'Syrdarya', ru: 'Сырдарьинская обл.' },
  'UZ.SU': { en: 'Surkhandarya', ru: 'Сурхандарьинская обл.' },
  'UZ.TA': { en: 'Tashkent Region', ru: 'Ташкентская обл.' },
  'UZ.TK': { en: 'Tashkent (city)', ru: 'г. Ташкент' },
};

import '@mantine/core/styles/Input.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/ru';
import { DateInput, MonthPickerInput, YearPickerInput } from '@mantine/dates';
import type { DatePrecision } from '@srt/shared/codes';
import { formatDate } from '../format.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { dateAtPrecision, parseTypedDate } from './partial-date.ts';

type Props = {
  label: string;
  /** `YYYY-MM-DD`; for a month its first day, for a year 1 January. */
  value: string | null;
  onChange: (value: string | null) => void;
  precision?: DatePrecision;
  error?: string | undefined;
  required?: boolean;
  description?: string;
  clearable?: boolean;
  'data-testid'?: string;
};

/**
 * A date known to the day, the month or the year. Day: typed as `2018-04-21` or `21.04.2018` (or picked
 * from the calendar), read back below the field in words; month: a month picker; year: a year picker.
 */
export function PartialDateInput({
  label,
  value,
  onChange,
  precision = 'day',
  error,
  required,
  description,
  clearable = !required,
  'data-testid': testId,
}: Props) {
  const language = useLanguage();
  const common = {
    label,
    required,
    error,
    clearable,
    locale: language,
    'data-testid': testId,
  };
  if (precision === 'year') {
    return (
      <YearPickerInput
        {...common}
        description={description}
        value={value}
        onChange={(v) => onChange(v ? dateAtPrecision(v, 'year') : null)}
        valueFormat="YYYY"
      />
    );
  }
  if (precision === 'month') {
    return (
      <MonthPickerInput
        {...common}
        description={description}
        value={value}
        onChange={(v) => onChange(v ? dateAtPrecision(v, 'month') : null)}
        valueFormat="MMMM YYYY"
      />
    );
  }
  const inWords = value ? formatDate(value, language, 'day') : '';
  return (
    <DateInput
      {...common}
      description={[description, inWords].filter(Boolean).join(' — ') || undefined}
      value={value}
      onChange={(v) => onChange(v)}
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      dateParser={parseTypedDate}
    />
  );
}

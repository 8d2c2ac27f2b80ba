import { choroplethLegend, choroplethScale } from '@srt/shared/choropleth';
import { countryName, FOCUS_COUNTRIES } from '@srt/shared/codes';
import type { DecodedPoints } from '@srt/shared/map-points';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { ChoroplethLegend } from './choropleth-legend.tsx';
import { metricValues, type Summary } from './map-model.ts';
import { OfficialsMap } from './officials-map.tsx';

type Props = {
  summary: Summary;
  points: DecodedPoints | undefined;
  /** The filter's countries (only those are coloured). */
  countries: readonly string[] | undefined;
  tileUrl: string | null | undefined;
  language: Language;
  /** A country was clicked (or chosen with the keyboard). */
  onCountry: (country: string) => void;
};

/**
 * The overview's map (a lazy chunk): projects per country and the clustered exact/near pins, for the
 * page's filter. Data in as props; clicking a country opens it on /map.
 */
export default function OverviewMap({ summary, points, countries, tileUrl, language, onCountry }: Props) {
  const { t } = useTranslation('map');
  const values = useMemo(() => metricValues(summary, 'country', 'projects', 'nominal'), [summary]);
  const scale = useMemo(() => {
    const drawn = FOCUS_COUNTRIES.filter((c) => !countries?.length || countries.includes(c));
    return choroplethScale(drawn.map((c) => values[c]));
  }, [values, countries]);
  const legend = useMemo(
    () => choroplethLegend(scale, (n) => formatNumber(n, language), t('legend.noData')),
    [scale, language, t],
  );
  return (
    <>
      <OfficialsMap
        level="country"
        values={values}
        scale={scale}
        describe={(key) => {
          const value = values[key];
          const text =
            typeof value === 'number' ? t('metricValue.projects', { count: value }) : t('legend.noData');
          return `${countryName(key, language)}: ${text}`;
        }}
        onSelect={onCountry}
        points={points}
        describeCluster={(count) => t('clusters.describe', { count })}
        tileUrl={tileUrl}
        attribution={t('attribution')}
        label={t('mapLabel')}
        height={380}
        cityLabels
      />
      <ChoroplethLegend title={t('legend.title.projects.country')} entries={legend} />
    </>
  );
}

import '@mantine/core/styles/List.css';
import '@mantine/core/styles/Progress.css';
import { Group, List, Progress, Stack, Text } from '@mantine/core';
import { QUALITY_CHECKS, type QualityCheck } from '@srt/shared/quality';
import { useTranslation } from 'react-i18next';

type Props = { quality: { score: number; missing: readonly string[] } };

/** The data-quality score and, check by check, what the record has and what it lacks. */
export function Quality({ quality }: Props) {
  const { t } = useTranslation('project');
  const missing = new Set(quality.missing);
  const color = quality.score >= 80 ? 'teal' : quality.score >= 50 ? 'yellow' : 'red';
  const lacking = QUALITY_CHECKS.filter((c) => missing.has(c));
  const passed = QUALITY_CHECKS.filter((c) => !missing.has(c));
  const item = (check: QualityCheck, ok: boolean) => (
    <List.Item key={check} icon={<span aria-hidden="true">{ok ? '✓' : '✗'}</span>} data-check={check}>
      <Text size="sm" c={ok ? undefined : 'red.8'}>
        {t(`quality.checks.${check}`)}
      </Text>
      {!ok && (
        <Text size="xs" c="dimmed">
          {t(`quality.fix.${check}`)}
        </Text>
      )}
    </List.Item>
  );
  return (
    <Stack gap="xs" data-testid="quality">
      <Group gap="sm" align="baseline">
        <Text size="xl" fw={700} data-testid="quality-score">
          {t('quality.score', { score: quality.score })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('quality.passed', { passed: passed.length, total: QUALITY_CHECKS.length })}
        </Text>
      </Group>
      <Progress value={quality.score} color={color} aria-label={t('quality.label')} />
      {lacking.length > 0 ? (
        <>
          <Text size="sm" fw={600}>
            {t('quality.missingTitle')}
          </Text>
          <List spacing={4} data-testid="quality-missing">
            {lacking.map((c) => item(c, false))}
          </List>
        </>
      ) : (
        <Text size="sm">{t('quality.complete')}</Text>
      )}
      {passed.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t('quality.presentTitle')}
          </Text>
          <List spacing={2} data-testid="quality-present">
            {passed.map((c) => item(c, true))}
          </List>
        </>
      )}
    </Stack>
  );
}

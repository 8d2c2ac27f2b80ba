import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Where the map goes on the overview; the map issue replaces this card. */
export function MapSlot() {
  const { t } = useTranslation('overview');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="overview-map-title" mih={160}>
      <Title order={3} size="h5" id="overview-map-title">
        {t('map.title')}
      </Title>
      <Text size="sm" c="dimmed" mt="xs">
        {t('map.placeholder')}
      </Text>
    </Paper>
  );
}

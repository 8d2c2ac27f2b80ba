import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import {
  countryName,
  label,
  ORGANIZATION_ROLE_CODES,
  ORGANIZATION_ROLES,
  ORGANIZATION_TYPES,
  sectorName,
} from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import type { ProjectDetail } from './types.ts';

type Props = { project: ProjectDetail; language: Language };

/** The organisations taking part, grouped by IATI role: funding, accountable, extending, implementing. */
export function Participants({ project, language }: Props) {
  const { t } = useTranslation('project');
  if (project.participants.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('participants.none')}
      </Text>
    );
  }
  const roles = ORGANIZATION_ROLE_CODES.map((role) => ({
    role,
    orgs: project.participants.filter((p) => p.role === role),
  })).filter((r) => r.orgs.length > 0);
  return (
    <Stack gap="sm" data-testid="participants">
      {roles.map(({ role, orgs }) => (
        <div key={role} data-role={role}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            {t('participants.role', { role: label(ORGANIZATION_ROLES, role, language) })}
          </Text>
          <Stack component="ul" gap={2} pl={0} m={0} style={{ listStyle: 'none' }}>
            {orgs.map((o) => (
              <li key={`${role}-${o.organizationId}`}>
                <Text size="sm">
                  {o.name}
                  {o.acronym && ` (${o.acronym})`}
                </Text>
                <Text size="xs" c="dimmed">
                  {[
                    o.nameLocal,
                    o.type === null ? null : label(ORGANIZATION_TYPES, o.type, language),
                    o.country ? countryName(o.country, language) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </li>
            ))}
          </Stack>
        </div>
      ))}
    </Stack>
  );
}

/** Countries and sectors with their shares ("share not stated" when the record gives none). */
export function CountriesAndSectors({ project, language }: Props) {
  const { t } = useTranslation('project');
  const share = (percentage: number | null) =>
    percentage === null ? (
      <Text span size="xs" c="dimmed">
        {t('shares.notStated')}
      </Text>
    ) : (
      formatPercent(percentage, language)
    );
  return (
    <Stack gap="md">
      <div>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={4}>
          {t('shares.countries')}
        </Text>
        {project.countries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('shares.noCountries')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} data-testid="countries">
            <Table.Tbody>
              {project.countries.map((c) => (
                <Table.Tr key={c.country} data-country={c.country}>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge size="xs" variant="default">
                        {c.country}
                      </Badge>
                      {countryName(c.country, language)}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{share(c.percentage)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      <div>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={4}>
          {t('shares.sectors')}
        </Text>
        {project.sectors.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('shares.noSectors')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} data-testid="sectors">
            <Table.Tbody>
              {project.sectors.map((s) => (
                <Table.Tr key={s.sector} data-sector={s.sector}>
                  <Table.Td>
                    {sectorName(s.sector, language)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({s.sector})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{share(s.percentage)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}

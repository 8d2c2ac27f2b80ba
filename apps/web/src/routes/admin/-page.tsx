import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Modal.css';
import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { ROLES, type Role } from '@srt/shared/auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RoleGate } from '../../auth/role-gate.tsx';
import { errorCode, useSession } from '../../auth/session.ts';
import { formatDate } from '../../format.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, type trpcClient } from '../../trpc.ts';

type UserRow = Awaited<ReturnType<typeof trpcClient.user.list.query>>[number];

/** /admin: the accounts, their roles, and disabling one. Admins only (the API checks it again). */
export function AdminPage() {
  const { t } = useLazyTranslation('admin');
  const { user } = useSession();
  return (
    <RoleGate
      needs="admin"
      title={t('title')}
      signedOut={t('needsAdmin')}
      signedIn={(role) => t('needsAdminSignedIn', { role })}
    >
      <Users selfId={user?.id ?? ''} />
    </RoleGate>
  );
}

/** Why a change was refused, in the user's language (the API's own words follow as a detail). */
function useChangeError(selfId: string) {
  const { t } = useLazyTranslation('admin');
  return (error: unknown, userId?: string): string => {
    const code = errorCode(error);
    const key =
      userId === selfId && code === 'FORBIDDEN'
        ? 'errors.self'
        : code === 'FORBIDDEN' || code === 'UNAUTHORIZED'
          ? 'errors.forbidden'
          : code === 'NOT_FOUND'
            ? 'errors.notFound'
            : code === 'BAD_REQUEST'
              ? 'errors.lastAdmin'
              : 'errors.failed';
    const detail = error instanceof Error ? error.message : String(error);
    return t(key, { detail });
  };
}

function Users({ selfId }: { selfId: string }) {
  const { t } = useLazyTranslation('admin');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.user.list.queryOptions());
  const changeError = useChangeError(selfId);
  const [confirming, setConfirming] = useState<UserRow | null>(null);
  const [roleChange, setRoleChange] = useState<{ row: UserRow; role: Role } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => {
    setMessage({ ok: true, text });
    return queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  };
  const setRole = useMutation({
    ...trpc.user.setRole.mutationOptions(),
    onSuccess: (_data, input) => {
      const row = list.data?.find((u) => u.id === input.userId);
      return done(t('roleChanged', { email: row?.email ?? '', role: t(`common:roles.${input.role}`) }));
    },
    onSettled: () => setRoleChange(null),
    onError: (error, input) => setMessage({ ok: false, text: changeError(error, input.userId) }),
  });
  const setDisabled = useMutation({
    ...trpc.user.setDisabled.mutationOptions(),
    onSuccess: (_data, input) => {
      const row = list.data?.find((u) => u.id === input.userId);
      setConfirming(null);
      return done(t(input.disabled ? 'disabledDone' : 'enabledDone', { email: row?.email ?? '' }));
    },
    onError: (error, input) => {
      setConfirming(null);
      setMessage({ ok: false, text: changeError(error, input.userId) });
    },
  });
  const busy = setRole.isPending || setDisabled.isPending;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <div aria-live="polite">
        {message && (
          <Alert
            color={message.ok ? 'green' : 'red'}
            role={message.ok ? 'status' : 'alert'}
            data-testid="admin-message"
            withCloseButton
            closeButtonLabel={t('common:actions.close')}
            onClose={() => setMessage(null)}
          >
            {message.text}
          </Alert>
        )}
      </div>
      {list.isPending && <Loader aria-label={t('common:state.loading')} />}
      {list.isError && (
        <Alert color="red" role="alert">
          {changeError(list.error)}
        </Alert>
      )}
      {list.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover data-testid="users-table">
            <Table.Caption>{t('count', { count: list.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('columns.email')}</Table.Th>
                <Table.Th scope="col">{t('columns.name')}</Table.Th>
                <Table.Th scope="col">{t('columns.role')}</Table.Th>
                <Table.Th scope="col">{t('columns.status')}</Table.Th>
                <Table.Th scope="col">{t('columns.created')}</Table.Th>
                <Table.Th scope="col">{t('columns.lastSeen')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((row) => {
                const self = row.id === selfId;
                return (
                  <Table.Tr key={row.id} data-testid={`user-${row.email}`}>
                    <Table.Th scope="row" fw={500}>
                      {row.email}
                      {self && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {t('you')}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{row.name}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        size="xs"
                        aria-label={t('roleOf', { email: row.email })}
                        value={row.role}
                        disabled={busy || self}
                        title={self ? t('selfHint') : undefined}
                        data={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                        onChange={(e) => {
                          setMessage(null);
                          // Asked first, like disabling: a role decides what the account may change.
                          setRoleChange({ row, role: e.currentTarget.value as Role });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={row.disabled ? 'red.8' : undefined}>
                        {t(row.disabled ? 'status.disabled' : 'status.active')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(row.createdAt.slice(0, 10), language)}</Table.Td>
                    <Table.Td>
                      {row.lastSeen ? formatDate(row.lastSeen.slice(0, 10), language) : t('never')}
                    </Table.Td>
                    <Table.Td>
                      {!self &&
                        (row.disabled ? (
                          <Button
                            size="compact-sm"
                            variant="default"
                            disabled={busy}
                            onClick={() => {
                              setMessage(null);
                              setDisabled.mutate({ userId: row.id, disabled: false });
                            }}
                          >
                            {t('enable')}
                          </Button>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            disabled={busy}
                            onClick={() => {
                              setMessage(null);
                              setConfirming(row);
                            }}
                          >
                            {t('disable')}
                          </Button>
                        ))}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" c="dimmed">
        {t('selfHint')}
      </Text>
      <Modal
        opened={roleChange !== null}
        onClose={() => setRoleChange(null)}
        title={t('roleConfirmTitle')}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack data-testid="role-confirm">
          <Text>
            {roleChange &&
              t('roleConfirmText', {
                email: roleChange.row.email,
                from: t(`common:roles.${roleChange.row.role}`),
                to: t(`common:roles.${roleChange.role}`),
              })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRoleChange(null)}>
              {t('cancel')}
            </Button>
            <Button
              loading={setRole.isPending}
              onClick={() =>
                roleChange && setRole.mutate({ userId: roleChange.row.id, role: roleChange.role })
              }
              data-testid="role-confirm-button"
            >
              {t('roleConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack>
          <Text>{t('confirmText', { email: confirming?.email ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('cancel')}
            </Button>
            <Button
              color="red"
              loading={setDisabled.isPending}
              onClick={() => confirming && setDisabled.mutate({ userId: confirming.id, disabled: true })}
            >
              {t('disable')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled block of a detail page (project, event), labelled by its heading for screen readers. */
export function DetailSection({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={`section-${id}`} data-section={id}>
      <Title order={3} size="h4" mb="sm" id={`section-${id}`}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * Whether a tRPC error means "no such record": a missing one (NOT_FOUND) or an id that cannot be one
 * (BAD_REQUEST on the id). Such a page shows "not found" and is not retried.
 */
export function isNotFoundError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('data' in error)) return false;
  const data: unknown = error.data;
  const code = typeof data === 'object' && data !== null && 'code' in data ? data.code : undefined;
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

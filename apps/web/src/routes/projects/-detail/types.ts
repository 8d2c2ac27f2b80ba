import type { inferOutput } from '@trpc/tanstack-react-query';
import type { trpc } from '../../../trpc.ts';

/** Everything `project.byId` returns about one project. */
export type ProjectDetail = inferOutput<typeof trpc.project.byId>;

import { auditRouter } from './routers/audit.ts';
import { briefRouter } from './routers/brief.ts';
import { eventRouter } from './routers/event.ts';
import { fundingRouter } from './routers/funding.ts';
import { importerRouter } from './routers/importer.ts';
import { mapRouter } from './routers/map.ts';
import { organizationRouter } from './routers/organization.ts';
import { projectRouter } from './routers/project.ts';
import { rateRouter } from './routers/rate.ts';
import { referenceRouter } from './routers/reference.ts';
import { sourceRouter } from './routers/source.ts';
import { statsRouter } from './routers/stats.ts';
import { userRouter } from './routers/user.ts';
import { router } from './trpc.ts';

/** The API's table of contents: one router per domain. */
export const appRouter = router({
  project: projectRouter,
  event: eventRouter,
  funding: fundingRouter,
  organization: organizationRouter,
  source: sourceRouter,
  stats: statsRouter,
  map: mapRouter,
  reference: referenceRouter,
  brief: briefRouter,
  importer: importerRouter,
  user: userRouter,
  audit: auditRouter,
  rate: rateRouter,
});

export type AppRouter = typeof appRouter;

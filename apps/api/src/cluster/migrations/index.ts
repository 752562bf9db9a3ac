import { JobLock1764850000000 } from './1764850000000-job-lock';

export const CLUSTER_MIGRATIONS = [JobLock1764850000000];

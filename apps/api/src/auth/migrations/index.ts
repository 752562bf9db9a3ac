import { SignIn1764850000000 } from './1764850000000-sign-in';

export const AUTH_MIGRATIONS = [SignIn1764850000000];

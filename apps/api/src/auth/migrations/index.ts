import { SignIn1764851000000 } from './1764851000000-sign-in';

export const AUTH_MIGRATIONS = [SignIn1764851000000];

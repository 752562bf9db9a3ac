import { SignIn1764851000000 } from './1764851000000-sign-in';
import { ExactUsernames1764880000001 } from './1764880000001-exact-usernames';
import { SignInSecurity1764890000000 } from './1764890000000-sign-in-security';

export const AUTH_MIGRATIONS = [SignIn1764851000000, ExactUsernames1764880000001, SignInSecurity1764890000000];

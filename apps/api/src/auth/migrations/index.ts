import { SignIn1764850000000 } from './1764850000000-sign-in';
import { SignInSecurity1764890000000 } from './1764890000000-sign-in-security';

export const AUTH_MIGRATIONS = [SignIn1764850000000, SignInSecurity1764890000000];

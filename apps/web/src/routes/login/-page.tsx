import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/PasswordInput.css';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRouter, useSearch } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { type SignInResult, safeRedirect, signIn, signOut, useSession } from '../../auth/session.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';

type Failure = Extract<SignInResult, { ok: false }>;

/** The refusal in words, with the wait when the server says how long it is. */
function useFailureText() {
  const { t } = useLazyTranslation('auth');
  return (failure: Failure): string => {
    if (failure.reason !== 'rateLimited') return t(`errors.${failure.reason}`);
    const seconds = failure.retryAfterSeconds;
    if (seconds === null) return t('errors.rateLimitedLater');
    return seconds > 90
      ? t('errors.rateLimitedMinutes', { count: Math.ceil(seconds / 60) })
      : t('errors.rateLimited', { count: Math.max(seconds, 1) });
  };
}

/** /login: email and password; back to `?redirect=` (a local path) when signed in. */
export function LoginPage() {
  const { t } = useLazyTranslation('auth');
  const failureText = useFailureText();
  const router = useRouter();
  const { redirect } = useSearch({ from: '/login/' });
  const { user } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({
    email: false,
    password: false,
  });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const target = safeRedirect(redirect);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const blank = { email: email.trim() === '', password: password === '' };
    setMissing(blank);
    if (blank.email || blank.password) {
      (blank.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await signIn(email.trim(), password);
    setBusy(false);
    if (result.ok) {
      router.history.push(target);
      return;
    }
    setFailure(result);
    if (result.reason === 'credentials') {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  if (user) {
    return (
      <Stack maw={420} mx="auto" mt="xl">
        <Title order={2}>{t('title')}</Title>
        <Text>
          {t('signedInAs', { name: user.name || user.email, role: t(`common:roles.${user.role}`) })}
        </Text>
        <Group>
          <Button onClick={() => router.history.push(target)}>{t('continue')}</Button>
          <Button variant="default" onClick={() => void signOut()}>
            {t('common:account.signOut')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt="xl" radius="md">
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
        <Stack>
          <div>
            <Title order={2} id="login-title">
              {t('title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('intro')}
            </Text>
          </div>
          {failure && (
            <Alert color="red" role="alert" data-testid="login-error">
              {failureText(failure)}
            </Alert>
          )}
          <TextInput
            ref={emailRef}
            label={t('email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={missing.email ? t('errors.emailRequired') : undefined}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            ref={passwordRef}
            label={t('password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password ? t('errors.passwordRequired') : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
          />
          <Button type="submit" loading={busy}>
            {t('submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';

export function LoginPage({ api, signIn }: { api: ApiClient; signIn: (token: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      signIn((await api.login(email, password)).accessToken);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <form className="card login" onSubmit={(event) => void submit(event)}>
      <h1>Sign in</h1>
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Sign in</button>
    </form>
  );
}

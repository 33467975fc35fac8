"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

// The state every settings "create" form shares: submit the form's fields, show what the
// server created (often a secret shown once), clear the form, and re-render the page's lists.

export function useCreateForm<T>(create: (form: FormData) => Promise<T>) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<T | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setPending(true);
    setError(null);
    setCreated(null);
    try {
      setCreated(await create(new FormData(formElement)));
      formElement.reset();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return { pending, error, created, setCreated, onSubmit };
}

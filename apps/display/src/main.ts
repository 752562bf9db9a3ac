// Placeholder start page until the live display pages land: lists halls from the API.
interface HallSummary { id: string; name: string; categories: { code: string; nameZh: string }[]; windows: { label: string }[] }

async function main(): Promise<void> {
  const list = document.querySelector<HTMLUListElement>('#halls')!;
  const halls: HallSummary[] = await (await fetch('/api/halls')).json();
  for (const h of halls) {
    const li = document.createElement('li');
    li.textContent = `${h.name}: ${h.categories.length} categories, ${h.windows.length} windows`;
    list.append(li);
  }
}

void main();

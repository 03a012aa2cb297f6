export default function Home() {
  return (
    <main>
      <h1>Distillery</h1>
      <p>The dashboard lands with its own issue; the API is at /graphql on the API port.</p>
    </main>
  );
}

// The query GraphiQL opens on: the Japan–Vietnam timeline with participants and citations.
export const DEFAULT_GRAPHIQL_QUERY = `# The Japan–Vietnam defence relationship, newest first.
# Press the run button (or Ctrl+Enter). Open "Docs" to explore every type and field.
query Timeline {
  events(first: 10, filter: { countries: ["JP", "VN"], countriesMatch: ALL }) {
    totalCount
    edges {
      node {
        title
        kind
        start { label }
        placeName
        participations {
          role
          participant { name kind }
        }
        citations {
          quote
          source { title published { label } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

// The seeded records tests build on, found by the slugs and ISO codes the curated seed gives them: one
// lookup for every file that needs their ids.
import { graphql, type ResultOf } from './graphql.js';
import { dataOf, type TestServer } from './test-server.js';

const SEED_RECORDS = graphql(`
  {
    kishi: participant(slug: "nobuo-kishi") {
      id
      positions {
        id
      }
    }
    giang: participant(slug: "phan-van-giang") {
      id
      positions {
        id
      }
    }
    modJapan: participant(slug: "japan-ministry-of-defense") {
      id
    }
    japan: country(isoCode: "JP") {
      id
    }
    vietnam: country(isoCode: "VN") {
      id
    }
    china: country(isoCode: "CN") {
      id
    }
  }
`);

type Found = ResultOf<typeof SEED_RECORDS>;
export type SeedRecords = { [Name in keyof Found]: NonNullable<Found[Name]> };

/** The seeded people, ministry and countries the tests name; throws if the seed lacks one. */
export async function seedRecords(server: Pick<TestServer, 'gql'>): Promise<SeedRecords> {
  const found = dataOf(await server.gql(SEED_RECORDS));
  for (const [name, record] of Object.entries(found)) if (!record) throw new Error(`the seed has no ${name}`);
  return found as SeedRecords;
}

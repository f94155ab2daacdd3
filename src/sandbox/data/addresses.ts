import type { Random, Weighted } from './random.js';

export interface Address {
  address_line_1: string;
  address_line_2: string | null;
  city: string;
  postcode: string;
}

interface Town {
  city: string;
  /** Real outward codes that belong to the town. */
  outwardCodes: readonly string[];
}

const TOWNS: readonly Weighted<Town>[] = [
  [{ city: 'London', outwardCodes: ['SW1A', 'SE11', 'N1', 'E8', 'NW3', 'W2', 'SE15', 'E14'] }, 8],
  [{ city: 'Birmingham', outwardCodes: ['B15', 'B1', 'B13', 'B29'] }, 3],
  [{ city: 'Manchester', outwardCodes: ['M14', 'M1', 'M20', 'M13'] }, 3],
  [{ city: 'Leeds', outwardCodes: ['LS6', 'LS1', 'LS8', 'LS11'] }, 3],
  [{ city: 'Glasgow', outwardCodes: ['G12', 'G3', 'G41'] }, 2],
  [{ city: 'Edinburgh', outwardCodes: ['EH3', 'EH1', 'EH9', 'EH6'] }, 2],
  [{ city: 'Cardiff', outwardCodes: ['CF10', 'CF11', 'CF24', 'CF14'] }, 2],
  [{ city: 'Bristol', outwardCodes: ['BS8', 'BS1', 'BS6', 'BS3'] }, 2],
  [{ city: 'Newcastle upon Tyne', outwardCodes: ['NE1', 'NE2', 'NE4', 'NE6'] }, 2],
  [{ city: 'Liverpool', outwardCodes: ['L1', 'L8', 'L17', 'L15'] }, 2],
  [{ city: 'Sheffield', outwardCodes: ['S10', 'S1', 'S11', 'S7'] }, 2],
  [{ city: 'Nottingham', outwardCodes: ['NG1', 'NG7', 'NG5'] }, 1],
  [{ city: 'Leicester', outwardCodes: ['LE1', 'LE2', 'LE3'] }, 1],
  [{ city: 'Belfast', outwardCodes: ['BT1', 'BT7', 'BT9'] }, 1],
  [{ city: 'Oxford', outwardCodes: ['OX1', 'OX2', 'OX4'] }, 1],
  [{ city: 'Cambridge', outwardCodes: ['CB1', 'CB2', 'CB4'] }, 1],
  [{ city: 'Brighton', outwardCodes: ['BN1', 'BN2', 'BN3'] }, 1],
  [{ city: 'Norwich', outwardCodes: ['NR1', 'NR2', 'NR3'] }, 1],
  [{ city: 'Swansea', outwardCodes: ['SA1', 'SA2'] }, 1],
  [{ city: 'Aberdeen', outwardCodes: ['AB10', 'AB24'] }, 1],
  [{ city: 'York', outwardCodes: ['YO1', 'YO10', 'YO31'] }, 1],
  [{ city: 'Plymouth', outwardCodes: ['PL1', 'PL4'] }, 1],
];

// prettier-ignore
const STREETS = [
  'High Street', 'Church Road', 'Station Road', 'Victoria Road', 'Park Road', "Queen's Road",
  'King Street', 'Mill Lane', 'Green Lane', 'Manor Road', 'The Crescent', 'Albert Road',
  'Springfield Road', 'Grange Road', 'Chapel Street', 'North Street', 'Orchard Close',
  'Beech Avenue', 'Oak Avenue', 'Elm Grove', 'Windsor Road', 'Highfield Road', 'Cedar Drive',
  'Riverside Walk', 'Castle Street', 'Market Street', 'York Road', 'London Road', 'Stanley Road',
  'Bridge Street',
] as const;

// The inward code's letters never include C, I, K, M, O or V.
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function generateAddress(random: Random): Address {
  const town = random.weighted(TOWNS);

  return {
    address_line_1: `${random.int(1, 240)} ${random.pick(STREETS)}`,
    address_line_2: random.chance(0.3) ? generateFlat(random) : null,
    city: town.city,
    postcode: generatePostcode(random, random.pick(town.outwardCodes)),
  };
}

/** A postcode in a real outward district with a made-up (but well-formed) inward code. */
export function generatePostcode(random: Random, outwardCode: string): string {
  const letter = () => INWARD_LETTERS.charAt(random.int(0, INWARD_LETTERS.length - 1));

  return `${outwardCode} ${random.int(0, 9)}${letter()}${letter()}`;
}

function generateFlat(random: Random): string {
  const kind = random.pick(['Flat', 'Flat', 'Apartment']);

  return `${kind} ${random.int(1, 24)}`;
}

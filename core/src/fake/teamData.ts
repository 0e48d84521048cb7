/**
 * The fake server's teams of the Users data: the team objects users carry in `roles[].team`, of the API's
 * shape, generated deterministically from a seeded generator. Plain data, no Effect.
 *
 * @internal
 */
import { pick } from "./data.ts"
import { DAY, EPOCH, hexId, isoDate, MINUTE } from "./seeded.ts"

/** A team object of the API's shape (`roles[].team`). @internal */
export interface FakeTeam {
  id: string
  manager: string
  [field: string]: unknown
}

// deno-fmt-ignore
const DEPARTMENTS = [
  "Leadership", "Engineering", "Product", "Design", "Sales", "Marketing", "Customer Success", "Finance",
  "People", "Operations", "Legal", "Data", "Security", "Support", "Partnerships", "Platform",
]
const COLORS = ["#1e88e5", "#43a047", "#e53935", "#8e24aa", "#fb8c00", "#00897b", "#3949ab", "#6d4c41"]
const AVATARS = ["rocket", "star", "bolt", "leaf", "flag", "compass", "target", "globe"]
const TAGS: ReadonlyArray<readonly [string, string]> = [
  ["engineering", "Engineering"],
  ["go-to-market", "Go to market"],
  ["core", "Core"],
  ["growth", "Growth"],
  ["platform", "Platform"],
  ["customer", "Customer"],
]

/** What one team is made of; `manager` and `members` are filled in once the users are drawn. @internal */
export interface TeamSpec {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly avatar: string
  readonly dateCreated: string
  readonly parentId: string
  readonly external: boolean
  readonly badgeId: string
  readonly badgeAssignmentId: string
  readonly tagId: string
  readonly tag: readonly [string, string]
  readonly counts: readonly [number, number, number, number]
  readonly description: string
  readonly summary: string
  readonly externalId: string
  manager: string
  readonly members: Array<string>
}

/** The spec of the `index`th team: a department's name, its parent one of the first teams. @internal */
export const teamSpec = (
  random: () => number,
  ownerId: string,
  index: number,
  parents: ReadonlyArray<TeamSpec>,
): TeamSpec => {
  const department = DEPARTMENTS[index % DEPARTMENTS.length]!
  const round = Math.floor(index / DEPARTMENTS.length)
  const id = hexId(random)
  const name = round === 0 ? department : `${department} ${round + 1}`
  return {
    id,
    name,
    color: pick(random, COLORS),
    avatar: pick(random, AVATARS),
    dateCreated: isoDate(EPOCH + index * DAY + Math.floor(random() * 480) * MINUTE),
    parentId: parents.length === 0 ? "" : parents[Math.floor(random() * Math.min(parents.length, 8))]!.id,
    external: random() < 0.3,
    badgeId: hexId(random),
    badgeAssignmentId: hexId(random),
    tagId: hexId(random),
    tag: pick(random, TAGS),
    counts: [Math.floor(random() * 6), Math.floor(random() * 12), Math.floor(random() * 40), Math.floor(random() * 9)],
    description: `The ${name} team.`,
    summary: `Awarded to ${name} for shipping its key results.`,
    externalId: `hr-${id.slice(-6)}`,
    manager: ownerId,
    members: [],
  }
}

/** A fresh team object of the API's shape (every user gets its own copies). @internal */
export const teamObject = (spec: TeamSpec, accountId: string, ownerId: string): FakeTeam => ({
  ExternalTeamMapping: spec.external
    ? { ExternalId: spec.externalId, ExternalSystem: "workday" }
    : { ExternalId: "", ExternalSystem: "" },
  accountId,
  avatar: spec.avatar,
  badges: [{
    assigneeIds: [spec.id],
    badge: {
      accountId,
      assignmentCondition: "manual",
      background: spec.color,
      icon: "trophy",
      id: spec.badgeId,
      name: "Team Player",
      pattern: "dots",
      summary: spec.summary,
      type: "team",
    },
    id: spec.badgeAssignmentId,
  }],
  color: spec.color,
  createdById: ownerId,
  dateCreated: spec.dateCreated,
  description: spec.description,
  dynamicMetricCount: spec.counts[0],
  id: spec.id,
  isActive: { DateDeactivated: "", IsActive: true },
  manager: spec.manager,
  manualMetricCount: spec.counts[1],
  members: spec.members.slice(),
  membersGoalCount: spec.counts[2],
  mentions: {},
  modifiedById: ownerId,
  movedExternalMembers: [],
  name: spec.name,
  parentId: spec.parentId,
  picture: "",
  tags: [{
    id: spec.tagId,
    isActive: { DateDeactivated: "", IsActive: true },
    name: spec.tag[0],
    title: spec.tag[1],
  }],
  teamGoalCount: spec.counts[3],
})

/** A team with no members, for a user who has none (a user created through the API in an empty account). @internal */
export const blankTeam = (random: () => number, accountId: string, ownerId: string): FakeTeam =>
  teamObject(teamSpec(random, ownerId, 0, []), accountId, ownerId)

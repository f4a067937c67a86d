import Foundation
import SQLKit
import SesameModel

struct SQLJobRepository: JobRepository {
    let sql: any SQLDatabase

    func enqueue(_ job: Job) async throws {
        try await sql.execute("""
            INSERT INTO jobs (id, queue, payload, state, attempts, max_attempts, run_at, locked_until, last_error, created_at, finished_at)
            VALUES (\(bind: job.id.description), \(bind: job.queue), \(bind: job.payload), \(bind: job.state.rawValue),
                    \(bind: job.attempts), \(bind: job.maxAttempts), \(bind: job.runAt), \(bind: job.lockedUntil),
                    \(bind: job.lastError), \(bind: job.createdAt), \(bind: job.finishedAt))
            """)
    }

    func find(id: JobID) async throws -> Job? {
        try await sql.fetchOne("SELECT * FROM jobs WHERE id = \(bind: id.description)", table: "jobs", Self.job)
    }

    func claimNext(queues: [String], at date: Date, lockedUntil: Date) async throws -> Job? {
        guard !queues.isEmpty else { return nil }
        // A worker that died during a job's last allowed attempt leaves it running with an expired
        // lock; it will not be tried again, so record it as failed instead of leaving it stuck.
        try await sql.execute("""
            UPDATE jobs SET state = 'failed', finished_at = \(bind: date), locked_until = NULL,
                last_error = COALESCE(last_error, 'the worker stopped during the last attempt')
            WHERE state = 'running' AND locked_until <= \(bind: date) AND attempts >= max_attempts
              AND queue IN (\(binds: queues))
            """)
        // PostgreSQL: SKIP LOCKED lets several workers claim different jobs at once. SQLite has one
        // writer at a time, so the single UPDATE is already atomic there.
        let lockClause: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let query: SQLQueryString = """
            UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = \(bind: lockedUntil)
            WHERE id = (
                SELECT id FROM jobs
                WHERE queue IN (\(binds: queues))
                  AND ((state = 'scheduled' AND run_at <= \(bind: date))
                       OR (state = 'running' AND locked_until <= \(bind: date) AND attempts < max_attempts))
                ORDER BY run_at, id LIMIT 1
            """ + lockClause + ") RETURNING *"
        return try await sql.fetchOne(query, table: "jobs", Self.job)
    }

    func complete(id: JobID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE jobs SET state = 'completed', finished_at = \(bind: date), locked_until = NULL
            WHERE id = \(bind: id.description)
            """)
    }

    func fail(id: JobID, error: String, retryAt: Date?, at date: Date) async throws {
        if let retryAt {
            try await sql.execute("""
                UPDATE jobs SET state = 'scheduled', run_at = \(bind: retryAt), locked_until = NULL, last_error = \(bind: error)
                WHERE id = \(bind: id.description)
                """)
        } else {
            try await sql.execute("""
                UPDATE jobs SET state = 'failed', finished_at = \(bind: date), locked_until = NULL, last_error = \(bind: error)
                WHERE id = \(bind: id.description)
                """)
        }
    }

    func list(state: JobState, page: PageRequest) async throws -> [Job] {
        var query: SQLQueryString = "SELECT * FROM jobs WHERE state = \(bind: state.rawValue)"
        if let after = page.after { query += " AND id > \(bind: after)" }
        query += " ORDER BY id LIMIT \(literal: page.limit)"
        return try await sql.fetchAll(query, table: "jobs", Self.job)
    }

    static func job(_ row: RowReader) throws -> Job {
        Job(
            id: try row.id("id"),
            queue: try row.string("queue"),
            payload: try row.string("payload"),
            state: try row.enumeration("state"),
            attempts: try row.int("attempts"),
            maxAttempts: try row.int("max_attempts"),
            runAt: try row.date("run_at"),
            lockedUntil: try row.optionalDate("locked_until"),
            lastError: try row.optionalString("last_error"),
            createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at")
        )
    }
}

package io.mirador.replicator.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The four identity columns that checkpoints and topic mappings share, always in the order of {@link TopicIdentity}. */
final class Identities {

    private Identities() {
    }

    /** Binds the identity to parameters {@code first} to {@code first + 3}. */
    static void set(PreparedStatement ps, int first, TopicIdentity identity) throws SQLException {
        ps.setString(first, identity.sourceClusterId());
        ps.setString(first + 1, identity.sourceTopicId());
        ps.setString(first + 2, identity.targetClusterId());
        ps.setString(first + 3, identity.targetTopicId());
    }

    /** Reads the identity from columns {@code first} to {@code first + 3}. */
    static TopicIdentity get(ResultSet rs, int first) throws SQLException {
        return new TopicIdentity(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3));
    }
}

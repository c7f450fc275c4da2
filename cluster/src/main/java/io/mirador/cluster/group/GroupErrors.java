package io.mirador.cluster.group;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterErrors;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * One plain-language line per failure of a group operation: the group-specific cases first, because Kafka's own
 * messages for them ("The group id does not exist") do not name the group; then {@link ClusterErrors}.
 */
final class GroupErrors {

    private GroupErrors() {
    }

    static String unknownGroup(ClusterConnection connection, String groupId) {
        return "no consumer group named " + groupId + " on cluster " + connection.name();
    }

    static String activeMembers(String groupId, int members, String before) {
        return "group " + groupId + " has " + members + (members == 1 ? " active member" : " active members")
                + ": stop them before " + before;
    }

    /** {@code groupId} may be null when the call spans many groups. */
    static String describe(ClusterConnection connection, String what, String groupId, Throwable cause) {
        if (groupId != null) {
            if (cause instanceof GroupIdNotFoundException) {
                return unknownGroup(connection, groupId);
            }
            // A member joined between our emptiness check and the write: the coordinator refuses the write.
            if (cause instanceof GroupNotEmptyException || cause instanceof UnknownMemberIdException) {
                return "group " + groupId + " has active members: stop them and try again";
            }
            if (cause instanceof GroupSubscribedToTopicException) {
                return "group " + groupId + " is still subscribed to the topic: stop its members and try again";
            }
        }
        return ClusterErrors.describe(connection, what, cause);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

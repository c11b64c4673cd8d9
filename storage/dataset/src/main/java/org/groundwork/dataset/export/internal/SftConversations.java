package org.groundwork.dataset.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Question;

/**
 * Conversations for supervised fine-tuning. {@code llava}: {@code {id, image, conversations}} with
 * the box in the answer as slice-first voxel indices {@code [s0, s1, x0, x1, y0, y1]} (3DReasonKnee).
 * {@code qwen2.5}: {@code {id, video, conversations, messages}} with the box as absolute voxel corners
 * {@code "bbox_3d": [x0, y0, z0, x1, y1, z1]} (Qwen2.5-VL's absolute-coordinate convention, in 3D); the
 * same turns are written in both styles, {@code conversations} with {@code from}/{@code value} (what
 * Qwen's own fine-tuning code reads) and {@code messages} with {@code role}/{@code content} (chat
 * templates). Ends are exclusive in both.
 */
public final class SftConversations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SftConversations() {
    }

    public static ObjectNode conversation(Quintuples quintuples, ExportCase c, Question q, String style) {
        ObjectNode item = JSON.objectNode();
        item.put("id", Quintuples.recordId(c, q));
        if (style.equals("llava")) {
            item.put("image", c.image());
            ArrayNode turns = item.putArray("conversations");
            turns.addObject().put("from", "human").put("value", "<image>\n" + q.text()
                    + "\nReason step by step, then give the final diagnosis with the box as [s0, s1, x0, x1, y0, y1]"
                    + " (voxel indices, slice axis first, ends exclusive) and the severity.");
            turns.addObject().put("from", "gpt").put("value", quintuples.answer(c, q));
            return item;
        }
        item.put("video", c.image());
        String prompt = "<video>\n" + q.text()
                + "\nReason step by step, then answer with a JSON object holding \"bbox_3d\" and \"severity\".";
        StringBuilder answer = new StringBuilder();
        var chain = c.annotations().steps(q.id());
        for (int i = 0; i < chain.size(); i++) {
            answer.append("Step ").append(i + 1).append(": ").append(chain.get(i).text()).append('\n');
        }
        ObjectNode result = JSON.objectNode();
        List<Box> boxes = Quintuples.boxesOf(c.annotations(), q);
        if (!boxes.isEmpty()) {
            int[] min = boxes.get(0).min();
            int[] max = boxes.get(0).max();
            result.set("bbox_3d", BoxJson.ints(new int[] {min[0], min[1], min[2], max[0], max[1], max[2]}));
            result.put("label", q.regionId());
        }
        result.set("severity", quintuples.severity(c.annotations(), q));
        String reply = answer.append(result).toString();
        ArrayNode turns = item.putArray("conversations");
        turns.addObject().put("from", "human").put("value", prompt);
        turns.addObject().put("from", "gpt").put("value", reply);
        ArrayNode messages = item.putArray("messages");
        messages.addObject().put("role", "user").put("content", prompt);
        messages.addObject().put("role", "assistant").put("content", reply);
        return item;
    }
}

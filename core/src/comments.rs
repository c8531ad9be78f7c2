//! A bank of short comments (nhận xét) a teacher can pick and adapt: per subject and level,
//! and per phẩm chất / năng lực and level, in the style of the học bạ. They are suggestions
//! only: kind, concrete and not tied to a grade. Every catalogue code has its own lists; an
//! unknown code gets the generic lists of the level.

use crate::api::comment_bank::NewComment;
use crate::catalogue::{self, GRADES};
use crate::entry::FieldError;
use crate::levels::{QualityLevel, SubjectLevel};
use crate::text;

/// Longest suggested comment, in characters.
pub const MAX_SUGGESTION_CHARS: usize = 120;
/// Longest comment a teacher keeps in their own bank, in characters (NFC, trimmed).
pub const MAX_BANK_TEXT_CHARS: usize = 300;

/// Lists for the levels T, H, C (subjects) or T, Đ, C (phẩm chất, năng lực), in that order.
type Bank = [&'static [&'static str]; 3];

#[rustfmt::skip]
const SUBJECTS: &[(&str, Bank)] = &[
    ("tieng_viet", [
        &[
            "Đọc lưu loát, diễn cảm; hiểu nội dung bài đọc.",
            "Viết đúng chính tả, chữ viết đẹp, trình bày sạch sẽ.",
            "Viết đoạn văn mạch lạc, dùng từ hay, đặt câu đúng.",
            "Mạnh dạn, tự tin khi nói và kể chuyện trước lớp.",
        ],
        &[
            "Đọc trôi chảy; cần đọc diễn cảm hơn.",
            "Hiểu nội dung bài đọc; viết còn sai một số lỗi chính tả.",
            "Viết được đoạn văn theo yêu cầu; cần dùng từ phong phú hơn.",
            "Chữ viết tương đối đều; cần trình bày bài sạch đẹp hơn.",
        ],
        &[
            "Đọc còn chậm, chưa rõ tiếng; cần luyện đọc thêm ở nhà.",
            "Viết còn sai nhiều lỗi chính tả; cần luyện viết hằng ngày.",
            "Cần cố gắng viết câu đúng và đủ ý.",
            "Cần mạnh dạn hơn khi trả lời câu hỏi về bài đọc.",
        ],
    ]),
    ("toan", [
        &[
            "Thực hiện thành thạo các phép tính đã học.",
            "Giải bài toán có lời văn nhanh, trình bày rõ ràng.",
            "Tư duy tốt, biết vận dụng kiến thức vào thực tế.",
            "Nắm vững kiến thức về hình học và đo lường.",
        ],
        &[
            "Biết giải bài toán có lời văn; cần cẩn thận hơn khi tính toán.",
            "Thực hiện được các phép tính; đôi khi còn nhầm lẫn.",
            "Nắm được kiến thức cơ bản; cần trình bày bài rõ ràng hơn.",
            "Làm bài đúng yêu cầu; cần đọc kĩ đề trước khi làm.",
        ],
        &[
            "Cần luyện thêm bảng nhân, chia.",
            "Tính toán còn chậm, hay nhầm; cần luyện tập thêm.",
            "Chưa biết cách giải bài toán có lời văn; cần được hướng dẫn thêm.",
            "Cần cố gắng ghi nhớ các đơn vị đo đã học.",
        ],
    ]),
    ("ngoai_ngu_1", [
        &[
            "Phát âm chuẩn, nói tự tin các mẫu câu đã học.",
            "Nghe hiểu tốt và trả lời đúng các câu hỏi.",
            "Ghi nhớ nhiều từ vựng, đọc và viết câu đúng.",
        ],
        &[
            "Nhớ được từ vựng cơ bản; cần luyện phát âm thêm.",
            "Nghe hiểu được các câu đơn giản; cần mạnh dạn giao tiếp hơn.",
            "Viết được câu ngắn; đôi khi còn sai chính tả.",
        ],
        &[
            "Cần học thuộc từ vựng và luyện phát âm nhiều hơn.",
            "Cần mạnh dạn nói các mẫu câu đã học.",
            "Nghe hiểu còn hạn chế; cần luyện nghe thêm ở nhà.",
        ],
    ]),
    ("dao_duc", [
        &[
            "Hiểu và thực hiện tốt các chuẩn mực hành vi đã học.",
            "Lễ phép với thầy cô, hoà nhã với bạn bè.",
            "Biết nhận xét hành vi đúng, sai của bản thân và của bạn.",
        ],
        &[
            "Biết các chuẩn mực hành vi đã học; cần thực hiện thường xuyên hơn.",
            "Lễ phép, vâng lời; cần chủ động giúp đỡ bạn bè hơn.",
            "Thực hiện được các hành vi đã học khi được nhắc nhở.",
        ],
        &[
            "Cần thực hiện các hành vi đạo đức đã học.",
            "Cần lễ phép hơn với người lớn và hoà nhã với bạn.",
            "Cần ghi nhớ và làm theo lời dạy của thầy cô.",
        ],
    ]),
    ("tu_nhien_xa_hoi", [
        &[
            "Hiểu biết tốt về tự nhiên và xã hội xung quanh.",
            "Biết quan sát, đặt câu hỏi và nêu nhận xét rõ ràng.",
            "Biết giữ vệ sinh cơ thể và bảo vệ môi trường.",
        ],
        &[
            "Nắm được kiến thức cơ bản của bài học.",
            "Biết quan sát tranh ảnh, sự vật; cần nêu ý kiến rõ ràng hơn.",
            "Cần vận dụng kiến thức đã học vào cuộc sống hằng ngày.",
        ],
        &[
            "Cần tập trung hơn khi quan sát và tìm hiểu bài.",
            "Chưa nắm được một số kiến thức; cần ôn lại bài.",
            "Cần mạnh dạn nêu câu hỏi khi chưa hiểu bài.",
        ],
    ]),
    ("lich_su_dia_li", [
        &[
            "Nắm vững các sự kiện lịch sử và đặc điểm địa lí đã học.",
            "Biết sử dụng bản đồ, lược đồ để trình bày.",
            "Kể lại được các câu chuyện lịch sử một cách hấp dẫn.",
        ],
        &[
            "Nắm được các kiến thức cơ bản về lịch sử và địa lí.",
            "Biết đọc bản đồ đơn giản; cần luyện thêm.",
            "Cần ghi nhớ các mốc thời gian lịch sử chính xác hơn.",
        ],
        &[
            "Cần ôn lại các sự kiện lịch sử đã học.",
            "Chưa biết sử dụng bản đồ; cần được hướng dẫn thêm.",
            "Cần chú ý nghe giảng và ghi nhớ bài.",
        ],
    ]),
    ("khoa_hoc", [
        &[
            "Hiểu bài, giải thích được các hiện tượng tự nhiên đơn giản.",
            "Thực hành thí nghiệm cẩn thận, nêu kết quả rõ ràng.",
            "Biết vận dụng kiến thức để bảo vệ sức khoẻ và môi trường.",
        ],
        &[
            "Nắm được kiến thức cơ bản của bài học.",
            "Biết làm thí nghiệm theo hướng dẫn; cần nêu nhận xét rõ hơn.",
            "Cần liên hệ bài học với thực tế nhiều hơn.",
        ],
        &[
            "Cần ôn lại các kiến thức đã học.",
            "Cần tích cực tham gia thực hành, thí nghiệm cùng nhóm.",
            "Cần chú ý quan sát và ghi nhớ bài học.",
        ],
    ]),
    ("tin_hoc", [
        &[
            "Sử dụng máy tính thành thạo, ngồi đúng tư thế.",
            "Thực hành nhanh, đúng yêu cầu; biết giúp đỡ bạn.",
            "Biết tìm kiếm thông tin an toàn và có trách nhiệm.",
        ],
        &[
            "Thực hiện được các thao tác cơ bản trên máy tính.",
            "Hoàn thành bài thực hành; cần thao tác nhanh hơn.",
            "Cần ghi nhớ các bước thực hiện của bài học.",
        ],
        &[
            "Cần luyện thêm thao tác với chuột và bàn phím.",
            "Chưa hoàn thành bài thực hành; cần được hướng dẫn thêm.",
            "Cần chú ý làm theo hướng dẫn khi thực hành.",
        ],
    ]),
    ("cong_nghe", [
        &[
            "Làm sản phẩm khéo léo, đúng kĩ thuật.",
            "Sử dụng dụng cụ an toàn, đúng cách.",
            "Sáng tạo trong thiết kế và trang trí sản phẩm.",
        ],
        &[
            "Hoàn thành sản phẩm theo hướng dẫn.",
            "Biết sử dụng các dụng cụ đơn giản; cần cẩn thận hơn.",
            "Sản phẩm đạt yêu cầu; cần hoàn thiện kĩ hơn.",
        ],
        &[
            "Cần luyện thêm các thao tác kĩ thuật.",
            "Chưa hoàn thành sản phẩm; cần được hướng dẫn thêm.",
            "Cần chú ý an toàn khi sử dụng dụng cụ.",
        ],
    ]),
    ("giao_duc_the_chat", [
        &[
            "Thực hiện đúng, đẹp các động tác đã học.",
            "Tích cực tập luyện, có sức bền tốt.",
            "Tham gia trò chơi vận động nhanh nhẹn, đúng luật.",
        ],
        &[
            "Thực hiện được các động tác cơ bản.",
            "Tham gia tập luyện đầy đủ; cần tập đều đặn hơn.",
            "Cần thực hiện động tác chính xác hơn.",
        ],
        &[
            "Cần tích cực tập luyện hơn.",
            "Thực hiện động tác chưa đúng; cần luyện tập thêm.",
            "Cần mạnh dạn tham gia các trò chơi vận động.",
        ],
    ]),
    ("am_nhac", [
        &[
            "Hát đúng giai điệu, thuộc lời, biểu diễn tự tin.",
            "Cảm nhận tốt âm nhạc, gõ đệm đúng nhịp.",
            "Tích cực tham gia biểu diễn văn nghệ.",
        ],
        &[
            "Hát đúng giai điệu bài hát đã học.",
            "Biết gõ đệm theo nhịp; cần mạnh dạn hơn khi biểu diễn.",
            "Cần thuộc lời bài hát hơn.",
        ],
        &[
            "Cần học thuộc lời các bài hát đã học.",
            "Hát chưa đúng giai điệu; cần luyện tập thêm.",
            "Cần mạnh dạn tham gia hát cùng các bạn.",
        ],
    ]),
    ("mi_thuat", [
        &[
            "Vẽ đẹp, phối màu hài hoà, có sáng tạo.",
            "Sản phẩm mĩ thuật có ý tưởng độc đáo.",
            "Biết giới thiệu và nhận xét sản phẩm của mình, của bạn.",
        ],
        &[
            "Hoàn thành sản phẩm theo yêu cầu.",
            "Biết sử dụng màu sắc; cần sáng tạo hơn.",
            "Cần trình bày sản phẩm cẩn thận hơn.",
        ],
        &[
            "Cần hoàn thành sản phẩm đúng thời gian.",
            "Cần luyện thêm cách vẽ và tô màu.",
            "Cần chuẩn bị đầy đủ đồ dùng học tập.",
        ],
    ]),
    ("hoat_dong_trai_nghiem", [
        &[
            "Tích cực, chủ động tham gia các hoạt động.",
            "Biết hợp tác với bạn, hoàn thành tốt nhiệm vụ được giao.",
            "Có nhiều kĩ năng sống, biết tự phục vụ bản thân.",
        ],
        &[
            "Tham gia đầy đủ các hoạt động.",
            "Hoàn thành nhiệm vụ được giao; cần chủ động hơn.",
            "Cần mạnh dạn chia sẻ cảm nghĩ sau hoạt động.",
        ],
        &[
            "Cần tích cực tham gia các hoạt động của lớp, của trường.",
            "Cần hợp tác với bạn khi làm việc nhóm.",
            "Cần rèn thêm kĩ năng tự phục vụ.",
        ],
    ]),
    ("tieng_dan_toc", [
        &[
            "Đọc, viết thành thạo tiếng dân tộc.",
            "Giao tiếp tự tin bằng tiếng dân tộc.",
            "Hiểu và kể lại được câu chuyện đã học.",
        ],
        &[
            "Đọc, viết được các bài đã học.",
            "Giao tiếp được các câu đơn giản; cần luyện thêm.",
            "Cần viết đúng chính tả hơn.",
        ],
        &[
            "Cần luyện đọc, viết thêm.",
            "Cần mạnh dạn giao tiếp bằng tiếng dân tộc.",
            "Cần ghi nhớ các chữ cái và vần đã học.",
        ],
    ]),
];

#[rustfmt::skip]
const GENERIC_SUBJECT: Bank = [
    &[
        "Hoàn thành tốt các nội dung học tập.",
        "Tích cực, chủ động trong học tập.",
        "Nắm vững kiến thức và vận dụng tốt.",
    ],
    &[
        "Hoàn thành các nội dung học tập.",
        "Nắm được kiến thức cơ bản; cần tích cực hơn.",
        "Cần cẩn thận hơn khi làm bài.",
    ],
    &[
        "Cần cố gắng hơn trong học tập.",
        "Cần ôn lại các kiến thức đã học.",
        "Cần tập trung chú ý trong giờ học.",
    ],
];

#[rustfmt::skip]
const QUALITIES: &[(&str, Bank)] = &[
    ("yeu_nuoc", [
        &[
            "Yêu quê hương, đất nước; kính trọng thầy cô, ông bà, cha mẹ.",
            "Tích cực tham gia các hoạt động bảo vệ môi trường.",
            "Biết ơn các anh hùng, tự hào về truyền thống quê hương.",
        ],
        &[
            "Yêu quê hương, kính trọng thầy cô, ông bà, cha mẹ.",
            "Tham gia các hoạt động của trường, lớp.",
            "Biết giữ gìn cảnh quan trường lớp.",
        ],
        &[
            "Cần biết ơn và kính trọng ông bà, cha mẹ, thầy cô hơn.",
            "Cần tích cực tham gia giữ gìn vệ sinh trường lớp.",
            "Cần tìm hiểu thêm về truyền thống quê hương.",
        ],
    ]),
    ("nhan_ai", [
        &[
            "Yêu thương, quan tâm, giúp đỡ bạn bè.",
            "Biết chia sẻ với người gặp khó khăn.",
            "Tôn trọng sự khác biệt của mọi người.",
        ],
        &[
            "Hoà đồng, thân thiện với bạn bè.",
            "Biết giúp đỡ bạn khi được nhắc nhở.",
            "Biết nhường nhịn em nhỏ.",
        ],
        &[
            "Cần hoà nhã, biết nhường nhịn bạn bè.",
            "Cần quan tâm, giúp đỡ bạn bè hơn.",
            "Cần tôn trọng ý kiến của bạn.",
        ],
    ]),
    ("cham_chi", [
        &[
            "Chăm học, hoàn thành đầy đủ bài tập.",
            "Tích cực tham gia công việc ở nhà và ở lớp.",
            "Có ý thức tự học, ham tìm hiểu.",
        ],
        &[
            "Đi học đều, chuẩn bị bài đầy đủ.",
            "Hoàn thành các bài tập được giao.",
            "Có tham gia làm việc nhà vừa sức.",
        ],
        &[
            "Cần chăm chỉ hơn, làm đầy đủ bài tập.",
            "Cần đi học đều và đúng giờ.",
            "Cần chuẩn bị đầy đủ đồ dùng học tập.",
        ],
    ]),
    ("trung_thuc", [
        &[
            "Thật thà, ngay thẳng trong học tập và sinh hoạt.",
            "Mạnh dạn nhận lỗi và sửa lỗi.",
            "Nhặt được của rơi biết trả lại người mất.",
        ],
        &[
            "Thật thà, biết nhận lỗi khi làm sai.",
            "Nói đúng sự thật khi được hỏi.",
            "Không lấy đồ dùng của người khác.",
        ],
        &[
            "Cần thật thà, dũng cảm nhận lỗi.",
            "Cần tự làm bài, không nhìn bài của bạn.",
            "Cần nói đúng sự thật.",
        ],
    ]),
    ("trach_nhiem", [
        &[
            "Có trách nhiệm, hoàn thành tốt nhiệm vụ được giao.",
            "Giữ gìn đồ dùng cá nhân và của chung.",
            "Tự giác thực hiện nội quy trường, lớp.",
        ],
        &[
            "Hoàn thành nhiệm vụ được giao.",
            "Biết giữ gìn đồ dùng học tập.",
            "Thực hiện nội quy trường, lớp.",
        ],
        &[
            "Cần có trách nhiệm hơn với công việc được giao.",
            "Cần giữ gìn đồ dùng học tập cẩn thận.",
            "Cần thực hiện tốt nội quy trường, lớp.",
        ],
    ]),
    ("tu_chu_tu_hoc", [
        &[
            "Tự giác học tập, tự hoàn thành nhiệm vụ.",
            "Biết tự phục vụ, sắp xếp đồ dùng gọn gàng.",
            "Biết tự đánh giá và điều chỉnh việc học.",
        ],
        &[
            "Tự làm được việc của mình.",
            "Biết tự học khi có sự hướng dẫn.",
            "Biết sắp xếp đồ dùng học tập.",
        ],
        &[
            "Cần tự giác hơn trong học tập.",
            "Cần rèn thói quen tự phục vụ bản thân.",
            "Cần tự hoàn thành bài tập ở nhà.",
        ],
    ]),
    ("giao_tiep_hop_tac", [
        &[
            "Mạnh dạn, tự tin trong giao tiếp.",
            "Hợp tác tốt với bạn khi làm việc nhóm.",
            "Biết lắng nghe và trình bày ý kiến rõ ràng.",
        ],
        &[
            "Biết trao đổi với bạn trong nhóm.",
            "Biết lắng nghe ý kiến của bạn.",
            "Trình bày được ý kiến của mình.",
        ],
        &[
            "Cần mạnh dạn hơn khi giao tiếp.",
            "Cần tích cực tham gia hoạt động nhóm.",
            "Cần lắng nghe khi bạn trình bày.",
        ],
    ]),
    ("giai_quyet_van_de", [
        &[
            "Biết phát hiện và giải quyết vấn đề trong học tập.",
            "Có nhiều ý tưởng sáng tạo.",
            "Biết vận dụng kiến thức vào thực tế.",
        ],
        &[
            "Giải quyết được vấn đề đơn giản.",
            "Biết đặt câu hỏi khi chưa hiểu.",
            "Biết tìm cách làm với sự giúp đỡ của thầy cô.",
        ],
        &[
            "Cần mạnh dạn nêu câu hỏi và ý kiến.",
            "Cần tự tìm cách giải quyết vấn đề.",
            "Cần suy nghĩ kĩ trước khi làm.",
        ],
    ]),
    ("ngon_ngu", [
        &[
            "Nói, viết rõ ràng, mạch lạc.",
            "Vốn từ phong phú, diễn đạt hay.",
            "Đọc hiểu tốt các văn bản đã học.",
        ],
        &[
            "Diễn đạt được ý của mình.",
            "Đọc hiểu được nội dung chính.",
            "Nói, viết đúng; cần mở rộng vốn từ.",
        ],
        &[
            "Cần luyện nói thành câu trọn vẹn.",
            "Cần đọc thêm sách để mở rộng vốn từ.",
            "Cần luyện viết câu đúng ngữ pháp.",
        ],
    ]),
    ("tinh_toan", [
        &[
            "Tính toán nhanh, chính xác.",
            "Vận dụng tốt kiến thức toán vào cuộc sống.",
            "Biết ước lượng và kiểm tra kết quả.",
        ],
        &[
            "Tính toán được các phép tính cơ bản.",
            "Tính đúng; cần cẩn thận hơn khi trình bày.",
            "Biết vận dụng kiến thức toán khi được hướng dẫn.",
        ],
        &[
            "Cần luyện thêm kĩ năng tính toán.",
            "Cần ghi nhớ các bảng tính đã học.",
            "Cần kiểm tra lại kết quả sau khi tính.",
        ],
    ]),
    ("khoa_hoc_nl", [
        &[
            "Ham tìm hiểu thế giới tự nhiên.",
            "Biết quan sát, giải thích hiện tượng đơn giản.",
            "Vận dụng kiến thức để bảo vệ sức khoẻ.",
        ],
        &[
            "Biết quan sát sự vật, hiện tượng xung quanh.",
            "Nêu được nhận xét đơn giản.",
            "Có ý thức giữ gìn sức khoẻ.",
        ],
        &[
            "Cần chú ý quan sát hơn.",
            "Cần tìm hiểu thêm về tự nhiên xung quanh.",
            "Cần mạnh dạn nêu nhận xét.",
        ],
    ]),
    ("cong_nghe_nl", [
        &[
            "Sử dụng dụng cụ đúng cách, an toàn.",
            "Làm sản phẩm khéo léo, sáng tạo.",
            "Hiểu công dụng của đồ dùng kĩ thuật quen thuộc.",
        ],
        &[
            "Sử dụng được các dụng cụ đơn giản.",
            "Làm được sản phẩm theo hướng dẫn.",
            "Cần khéo léo hơn khi làm sản phẩm.",
        ],
        &[
            "Cần luyện thêm thao tác kĩ thuật.",
            "Cần chú ý an toàn khi dùng dụng cụ.",
            "Cần hoàn thành sản phẩm theo hướng dẫn.",
        ],
    ]),
    ("tin_hoc_nl", [
        &[
            "Sử dụng máy tính thành thạo, an toàn.",
            "Biết tìm kiếm và xử lí thông tin.",
            "Hoàn thành tốt bài thực hành trên máy tính.",
        ],
        &[
            "Thực hiện được thao tác cơ bản trên máy tính.",
            "Biết tìm thông tin với sự hướng dẫn.",
            "Làm đúng bài thực hành; cần thao tác nhanh hơn.",
        ],
        &[
            "Cần luyện thêm thao tác với máy tính.",
            "Cần ghi nhớ các bước thực hành.",
            "Cần làm theo hướng dẫn khi dùng máy tính.",
        ],
    ]),
    ("tham_mi", [
        &[
            "Cảm nhận tốt cái đẹp trong cuộc sống.",
            "Sáng tạo khi vẽ, hát và trang trí.",
            "Biết giữ gìn vẻ đẹp của trường lớp.",
        ],
        &[
            "Biết nhận ra cái đẹp.",
            "Tham gia các hoạt động nghệ thuật.",
            "Biết ăn mặc gọn gàng, sạch sẽ.",
        ],
        &[
            "Cần chú ý cảm nhận cái đẹp.",
            "Cần tích cực tham gia hoạt động nghệ thuật.",
            "Cần giữ gìn trang phục gọn gàng.",
        ],
    ]),
    ("the_chat", [
        &[
            "Khoẻ mạnh, nhanh nhẹn.",
            "Tích cực rèn luyện thân thể.",
            "Có thói quen vệ sinh cá nhân tốt.",
        ],
        &[
            "Có sức khoẻ tốt.",
            "Tham gia tập thể dục đều đặn.",
            "Biết giữ vệ sinh cá nhân.",
        ],
        &[
            "Cần tích cực rèn luyện thân thể.",
            "Cần giữ vệ sinh cá nhân sạch sẽ.",
            "Cần ăn uống, nghỉ ngơi điều độ.",
        ],
    ]),
];

#[rustfmt::skip]
const GENERIC_QUALITY: Bank = [
    &[
        "Thực hiện tốt, là tấm gương cho các bạn.",
        "Tích cực, tự giác trong học tập và rèn luyện.",
        "Tiến bộ rõ rệt, cần phát huy.",
    ],
    &[
        "Thực hiện được các yêu cầu.",
        "Có tiến bộ; cần cố gắng hơn nữa.",
        "Biết rèn luyện khi được nhắc nhở.",
    ],
    &[
        "Cần cố gắng rèn luyện thêm.",
        "Cần thực hiện theo hướng dẫn của thầy cô.",
        "Cần sự quan tâm, giúp đỡ thêm của gia đình.",
    ],
];

fn subject_index(level: SubjectLevel) -> usize {
    match level {
        SubjectLevel::T => 0,
        SubjectLevel::H => 1,
        SubjectLevel::C => 2,
    }
}

fn quality_index(level: QualityLevel) -> usize {
    match level {
        QualityLevel::T => 0,
        QualityLevel::D => 1,
        QualityLevel::C => 2,
    }
}

/// The lists of a subject or quality code, if the bank has its own.
fn own_bank(code: &str) -> Option<&'static Bank> {
    SUBJECTS.iter().chain(QUALITIES).find(|(c, _)| *c == code).map(|(_, b)| b)
}

/// Suggested comments for a subject (catalogue code) at a level; the generic list of the level
/// for an unknown code.
pub fn suggestions(subject_code: &str, level: SubjectLevel) -> &'static [&'static str] {
    let bank = SUBJECTS.iter().find(|(c, _)| *c == subject_code).map_or(&GENERIC_SUBJECT, |(_, b)| b);
    bank[subject_index(level)]
}

/// Suggested comments for a phẩm chất or năng lực (catalogue code) at a level; the generic list
/// of the level for an unknown code.
pub fn quality_suggestions(quality_code: &str, level: QualityLevel) -> &'static [&'static str] {
    let bank = QUALITIES.iter().find(|(c, _)| *c == quality_code).map_or(&GENERIC_QUALITY, |(_, b)| b);
    bank[quality_index(level)]
}

/// Whether the bank has comments of its own for a subject or quality code (not the generic ones).
pub fn has_own_suggestions(code: &str) -> bool {
    own_bank(code).is_some()
}

/// What a code of the comment bank names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankCode {
    /// A môn học or hoạt động giáo dục of some grade.
    Subject,
    /// A phẩm chất or năng lực of some grade.
    Quality,
}

/// The kind of a catalogue code (any grade), or `None` for a code outside the catalogue.
pub fn bank_code(code: &str) -> Option<BankCode> {
    if GRADES.into_iter().any(|g| catalogue::subject(g, code).is_some()) {
        Some(BankCode::Subject)
    } else if GRADES.into_iter().any(|g| catalogue::quality(g, code).is_some()) {
        Some(BankCode::Quality)
    } else {
        None
    }
}

fn known_code(code: &str) -> Result<(String, BankCode), FieldError> {
    let code = code.trim();
    bank_code(code)
        .map(|kind| (code.to_owned(), kind))
        .ok_or_else(|| FieldError::new("subject", crate::domain_text!(COMMENT_BANK_UNKNOWN_CODE)))
}

/// The built-in suggestions for a subject or quality code of the catalogue at a level typed as
/// the teacher types it (T/H/C for a subject, T/Đ/C for a phẩm chất or năng lực); without a
/// level, the lists of every level, best first. Refused: an unknown code (field `subject`), a
/// level that does not belong to the code's scale (field `level`).
pub fn bank_suggestions(code: &str, level: Option<&str>) -> Result<Vec<&'static str>, FieldError> {
    let (code, kind) = known_code(code)?;
    let level = level.map(str::trim).filter(|l| !l.is_empty());
    let lists: Vec<&'static [&'static str]> = match (kind, level) {
        (BankCode::Subject, None) => SubjectLevel::ALL.into_iter().map(|l| suggestions(&code, l)).collect(),
        (BankCode::Quality, None) => QualityLevel::ALL.into_iter().map(|l| quality_suggestions(&code, l)).collect(),
        (BankCode::Subject, Some(l)) => {
            let l = SubjectLevel::parse(l)
                .ok_or_else(|| FieldError::new("level", crate::domain_text!(SUBJECT_LEVEL_INVALID)))?;
            vec![suggestions(&code, l)]
        }
        (BankCode::Quality, Some(l)) => {
            let l = QualityLevel::parse(l)
                .ok_or_else(|| FieldError::new("level", crate::domain_text!(QUALITY_LEVEL_INVALID)))?;
            vec![quality_suggestions(&code, l)]
        }
    };
    Ok(lists.into_iter().flatten().copied().collect())
}

/// Checks a comment a teacher keeps: a catalogue code (field `subject`) and a text of 1 to
/// [`MAX_BANK_TEXT_CHARS`] characters after NFC normalisation and trimming (field `text`).
/// Answers the code and the cleaned text.
pub fn check_bank_entry(input: &NewComment) -> Result<(String, String), FieldError> {
    let (code, _) = known_code(&input.subject)?;
    let t = text::clean(&input.text);
    if t.is_empty() {
        return Err(FieldError::new("text", crate::domain_text!(COMMENT_BANK_TEXT_REQUIRED)));
    }
    if t.chars().count() > MAX_BANK_TEXT_CHARS {
        return Err(FieldError::new("text", crate::domain_text!(COMMENT_BANK_TEXT_TOO_LONG)));
    }
    Ok((code, t))
}

/// The teacher's comment with a phrase from the bank added: inserted at the caret `at` (in UTF-16
/// code units, as a browser's text field counts) when it lies inside the text, else appended as a
/// new sentence. The teacher's own words are never replaced; spaces (and a full stop before an
/// appended sentence) are added where the words would otherwise run together.
pub fn combine(current: &str, phrase: &str, at: Option<usize>) -> String {
    let phrase = phrase.trim();
    let trimmed_end = current.trim_end();
    if phrase.is_empty() {
        return current.to_string();
    }
    if trimmed_end.trim_start().is_empty() {
        return phrase.to_string();
    }
    let byte_at = at.and_then(|units| {
        let mut seen = 0;
        for (i, c) in current.char_indices() {
            if seen >= units {
                return Some(i);
            }
            seen += c.len_utf16();
        }
        None
    });
    match byte_at.filter(|i| *i > 0 && *i < trimmed_end.len()) {
        Some(i) => {
            let (before, after) = current.split_at(i);
            let left = if before.ends_with(char::is_whitespace) { "" } else { " " };
            let right = if after.starts_with(char::is_whitespace) { "" } else { " " };
            format!("{before}{left}{phrase}{right}{after}")
        }
        None => {
            let stop = if trimmed_end.ends_with(['.', '!', '?', ';', ':', ',']) { "" } else { "." };
            format!("{trimmed_end}{stop} {phrase}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn a_picked_phrase_joins_the_teachers_own_words() {
        // Appended as a new sentence when the caret is at the end, or nowhere in particular.
        assert_eq!(combine("Em đọc to, rõ ràng", "Viết chữ đẹp.", None), "Em đọc to, rõ ràng. Viết chữ đẹp.");
        assert_eq!(combine("Em đọc to. ", "Viết chữ đẹp.", Some(11)), "Em đọc to. Viết chữ đẹp.");
        assert_eq!(combine("", "Viết chữ đẹp.", Some(0)), "Viết chữ đẹp.");
        assert_eq!(combine("  ", " Viết chữ đẹp. ", None), "Viết chữ đẹp.");
        assert_eq!(combine("Em đọc to.", "  ", None), "Em đọc to.");
        // Inserted at the caret (counted in UTF-16 units: "Em đọc" is 6 characters).
        assert_eq!(combine("Em đọc to.", "rất", Some(6)), "Em đọc rất to.");
        assert_eq!(combine("Em đọc  to.", "rất", Some(7)), "Em đọc rất to.");
        // The start of the text: appended rather than put before the teacher's first word.
        assert_eq!(combine("Em đọc to.", "Tốt.", Some(0)), "Em đọc to. Tốt.");
        // Several phrases in turn are all kept.
        let once = combine("Em chăm chỉ", "Đọc to.", None);
        assert_eq!(combine(&once, "Viết đẹp.", None), "Em chăm chỉ. Đọc to. Viết đẹp.");
    }

    #[test]
    fn bank_codes_and_suggestions() {
        assert_eq!(bank_code("toan"), Some(BankCode::Subject));
        assert_eq!(bank_code("tieng_dan_toc"), Some(BankCode::Subject));
        assert_eq!(bank_code("trung_thuc"), Some(BankCode::Quality));
        assert_eq!(bank_code("tin_hoc_nl"), Some(BankCode::Quality));
        assert_eq!(bank_code("hoa_hoc"), None);
        assert_eq!(bank_suggestions("toan", Some("c")), Ok(suggestions("toan", SubjectLevel::C).to_vec()));
        assert_eq!(
            bank_suggestions(" nhan_ai ", Some("Đ")),
            Ok(quality_suggestions("nhan_ai", QualityLevel::D).to_vec())
        );
        assert_eq!(bank_suggestions("nhan_ai", Some("D")), bank_suggestions("nhan_ai", Some("Đ")));
        let all = bank_suggestions("toan", None).unwrap_or_default();
        assert_eq!(all.len(), SubjectLevel::ALL.iter().map(|l| suggestions("toan", *l).len()).sum::<usize>());
        assert_eq!(all.first(), suggestions("toan", SubjectLevel::T).first());
        assert_eq!(bank_suggestions("toan", Some("  ")), bank_suggestions("toan", None));
        let err = |field: &str, message: crate::lang::Bilingual| Err(FieldError::new(field, message));
        assert_eq!(bank_suggestions("toan", Some("Đ")), err("level", crate::domain_text!(SUBJECT_LEVEL_INVALID)));
        assert_eq!(bank_suggestions("cham_chi", Some("H")), err("level", crate::domain_text!(QUALITY_LEVEL_INVALID)));
        assert_eq!(bank_suggestions("x", Some("T")), err("subject", crate::domain_text!(COMMENT_BANK_UNKNOWN_CODE)));
    }

    #[test]
    fn bank_entries() {
        let entry =
            |subject: &str, text: &str| check_bank_entry(&NewComment { subject: subject.into(), text: text.into() });
        assert_eq!(
            entry("toan", "  Tính nhanh, cẩn thâ\u{323}n. "),
            Ok(("toan".into(), "Tính nhanh, cẩn thận.".into()))
        );
        assert_eq!(entry("yeu_nuoc", "Yêu quê hương."), Ok(("yeu_nuoc".into(), "Yêu quê hương.".into())));
        assert_eq!(
            entry("toan", " \n "),
            Err(FieldError::new("text", crate::domain_text!(COMMENT_BANK_TEXT_REQUIRED)))
        );
        assert!(entry("toan", &"ễ".repeat(MAX_BANK_TEXT_CHARS)).is_ok());
        assert_eq!(
            entry("toan", &"ễ".repeat(MAX_BANK_TEXT_CHARS + 1)),
            Err(FieldError::new("text", crate::domain_text!(COMMENT_BANK_TEXT_TOO_LONG)))
        );
        assert_eq!(entry("", "Tốt."), Err(FieldError::new("subject", crate::domain_text!(COMMENT_BANK_UNKNOWN_CODE))));
        assert!(crate::messages::COMMENT_BANK_TEXT_TOO_LONG.contains(&MAX_BANK_TEXT_CHARS.to_string()));
    }

    fn all_lists() -> Vec<(&'static str, &'static [&'static str])> {
        let mut out = Vec::new();
        for (code, bank) in SUBJECTS.iter().chain(QUALITIES) {
            out.extend(bank.iter().map(|l| (*code, *l)));
        }
        out.extend(GENERIC_SUBJECT.iter().map(|l| ("generic subject", *l)));
        out.extend(GENERIC_QUALITY.iter().map(|l| ("generic quality", *l)));
        out
    }

    #[test]
    fn every_catalogue_code_has_its_own_lists() {
        for grade in GRADES {
            for s in catalogue::subjects_for_grade(grade) {
                assert!(SUBJECTS.iter().any(|(c, _)| *c == s.code), "subject {}", s.code);
                assert!(has_own_suggestions(s.code));
                for level in SubjectLevel::ALL {
                    assert!(!std::ptr::eq(suggestions(s.code, level), GENERIC_SUBJECT[subject_index(level)]));
                }
            }
            for q in catalogue::qualities_and_competencies(grade) {
                assert!(QUALITIES.iter().any(|(c, _)| *c == q.code), "quality {}", q.code);
                assert!(has_own_suggestions(q.code));
            }
        }
        // And nothing else: every code of the bank is in the catalogue.
        for (code, _) in SUBJECTS {
            assert!(GRADES.into_iter().any(|g| catalogue::subject(g, code).is_some()), "{code}");
        }
        for (code, _) in QUALITIES {
            assert!(catalogue::quality(5, code).is_some(), "{code}");
        }
    }

    #[test]
    fn unknown_codes_get_the_generic_lists() {
        assert_eq!(suggestions("hoa_hoc", SubjectLevel::H), GENERIC_SUBJECT[1]);
        assert_eq!(quality_suggestions("x", QualityLevel::C), GENERIC_QUALITY[2]);
        assert!(!has_own_suggestions("hoa_hoc"));
        assert_eq!(suggestions("toan", SubjectLevel::C)[0], "Cần luyện thêm bảng nhân, chia.");
        assert!(quality_suggestions("nhan_ai", QualityLevel::D).contains(&"Hoà đồng, thân thiện với bạn bè."));
    }

    #[test]
    fn lists_are_short_clean_and_distinct() {
        for (code, list) in all_lists() {
            assert!((3..=5).contains(&list.len()), "{code}: {} comments", list.len());
            for (i, c) in list.iter().enumerate() {
                assert!(c.chars().count() <= MAX_SUGGESTION_CHARS, "{code}: too long: {c}");
                assert_eq!(c.nfc().collect::<String>(), *c, "{code}: not NFC: {c}");
                assert_eq!(c.trim(), *c, "{code}: spaces: {c:?}");
                assert!(c.ends_with('.'), "{code}: {c}");
                assert!(c.chars().next().is_some_and(char::is_uppercase), "{code}: {c}");
                assert!(!c.contains("  "), "{code}: {c}");
                assert!(!list[..i].contains(c), "{code}: repeated: {c}");
            }
        }
    }
}
